import { useEffect, useRef, useState } from 'react';
import { NodeIcon } from '../nodes/NodeIcon.tsx';
import { PALETTE_ITEMS, type PaletteItem } from './paletteItems.ts';

interface StepPickerProps {
  /** Where the connection was dropped, in pixels from the canvas's top-left corner. */
  at: { x: number; y: number };
  /** The port already leads somewhere: the new step goes in between, so it needs a way out. */
  portConnected: boolean;
  onPick: (item: PaletteItem) => void;
  onClose: () => void;
}

/**
 * The steps to add where a connection was dropped on empty canvas (as n8n and Make do): type to
 * narrow the list, Enter adds the first, Escape or a click elsewhere closes it.
 */
export function StepPicker({ at, portConnected, onPick, onClose }: StepPickerProps) {
  const [query, setQuery] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const q = query.trim().toLowerCase();
  // Nothing enters a trigger; an exit cannot carry an existing connection on.
  const items = PALETTE_ITEMS.filter((i) => i.type !== 'trigger' && !(portConnected && i.type === 'exit')).filter(
    (i) => !q || i.title.toLowerCase().includes(q) || i.hint.toLowerCase().includes(q),
  );

  useEffect(() => {
    const away = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [onClose]);

  return (
    <div
      ref={box}
      className="hg-step-picker"
      style={{ left: at.x, top: at.y }}
      role="dialog"
      aria-label="Add a connected step"
      data-testid="step-picker"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <input
        className="hg-input"
        type="search"
        // The picker opens where the marketer is looking, ready to type.
        autoFocus
        placeholder="Add a step…"
        aria-label="Filter the steps"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && items[0]) onPick(items[0]);
        }}
      />
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <button
              type="button"
              className={`hg-palette__item hg-palette__item--${item.type}`}
              aria-label={`Add ${item.title}: ${item.hint}`}
              onClick={() => onPick(item)}
            >
              <span className="hg-palette__icon">
                <NodeIcon type={item.type} />
              </span>
              <span className="hg-palette__text">
                <span className="hg-palette__name">{item.title}</span>
                <span className="hg-palette__hint">{item.hint}</span>
              </span>
            </button>
          </li>
        ))}
        {items.length === 0 && <li className="hg-hint">No step matches "{query}".</li>}
      </ul>
    </div>
  );
}
