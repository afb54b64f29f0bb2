import { useEffect, useRef } from 'react';

interface ReplaceConnectionPromptProps {
  /** The step the port leads to now. */
  target: string;
  replace: () => void;
  keep: () => void;
}

/**
 * Asks on the canvas before a new connection from a connected port replaces the old one: the old
 * one may be all that leads to half the flow. Escape keeps the old connection.
 */
export function ReplaceConnectionPrompt({ target, replace, keep }: ReplaceConnectionPromptProps) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div
      className="hg-canvas__prompt"
      role="alertdialog"
      aria-labelledby="replace-connection-question"
      data-testid="replace-connection"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        keep();
      }}
    >
      <p id="replace-connection-question">
        <strong>Replace the connection to “{target}”?</strong>
      </p>
      <p className="hg-hint">
        This port leads to one step only: the new connection takes the place of the old one, and steps only the old one led to are cut off.
      </p>
      <div className="hg-dialog__actions">
        <button type="button" className="hg-button" onClick={keep}>
          Keep the old one
        </button>
        <button type="button" className="hg-button hg-button--primary" ref={button} onClick={replace}>
          Replace
        </button>
      </div>
    </div>
  );
}
