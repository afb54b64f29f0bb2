import { useId, type ReactNode } from 'react';
import { FieldMessages } from './FieldMessages.tsx';

interface FieldProps {
  label: string;
  hint?: string;
  messages?: readonly string[];
  /** Renders the control with the id its label points to and the id of its messages. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** A labelled form field with its hint and its problems. */
export function Field({ label, hint, messages = [], children }: FieldProps) {
  const id = useId();
  const messagesId = `${id}-messages`;
  const invalid = messages.length > 0;
  return (
    <div className={`hg-field${invalid ? ' is-invalid' : ''}`}>
      <label className="hg-field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, describedBy: invalid ? messagesId : undefined, invalid })}
      {hint && <div className="hg-field__hint">{hint}</div>}
      <FieldMessages messages={messages} id={messagesId} />
    </div>
  );
}
