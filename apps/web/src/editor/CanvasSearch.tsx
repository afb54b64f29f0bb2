import { useEffect, useMemo, useRef, useState } from 'react';
import { findSteps } from '../canvas/findSteps.ts';
import { useEditorStore, useEditorStoreApi } from './store/EditorStoreContext.tsx';

/**
 * Search for steps on the canvas (Ctrl+F or ⌘F): type part of a label, an id or a summary; Enter
 * zooms to the next match and selects it, Shift+Enter to the one before, Escape closes.
 */
export function CanvasSearch() {
  const store = useEditorStoreApi();
  const nodes = useEditorStore((s) => s.nodes);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  // The match shown last; null until the marketer goes to one.
  const [current, setCurrent] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const matches = useMemo(() => (open ? findSteps(nodes, query) : []), [open, nodes, query]);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== 'f') return;
      if (e.target instanceof Element && e.target.closest('dialog')) return;
      // The browser's own find cannot see steps outside the view: this one can.
      e.preventDefault();
      setOpen(true);
      requestAnimationFrame(() => input.current?.select());
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  if (!open) return null;
  const go = (step: 1 | -1) => {
    if (matches.length === 0) return;
    const next = current === null ? (step === 1 ? 0 : matches.length - 1) : (current + step + matches.length) % matches.length;
    setCurrent(next);
    store.getState().focusNode(matches[next]!);
  };
  const close = () => {
    setOpen(false);
    setQuery('');
    setCurrent(null);
  };
  const shown = current !== null && current < matches.length ? current + 1 : 1;
  return (
    <div className="hg-canvas-search" role="search" aria-label="Find steps">
      <input
        ref={input}
        className="hg-input"
        type="search"
        placeholder="Find a step by label…"
        aria-label="Find a step by its label, id or summary"
        data-testid="canvas-search-input"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setCurrent(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            go(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            close();
          }
        }}
      />
      <span className="hg-hint hg-canvas-search__count" data-testid="canvas-search-count" aria-live="polite">
        {query.trim() === '' ? '' : matches.length === 0 ? 'No step found' : `${shown} of ${matches.length}`}
      </span>
      <button type="button" className="hg-link-button" onClick={() => go(-1)} disabled={matches.length === 0} aria-label="Previous match (Shift+Enter)">
        ↑
      </button>
      <button type="button" className="hg-link-button" onClick={() => go(1)} disabled={matches.length === 0} aria-label="Next match (Enter)">
        ↓
      </button>
      <button type="button" className="hg-link-button" onClick={close} aria-label="Close the search (Escape)">
        ×
      </button>
    </div>
  );
}
