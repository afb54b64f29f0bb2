import { useState } from 'react';
import { useEditorStore } from '../editor/store/EditorStoreContext.tsx';
import { friendlyMessage } from './friendlyMessage.ts';

const SHOWN = 200;

/** Every validation problem of the draft, live; a click selects the node it is about. */
export function ProblemsPanel() {
  const problems = useEditorStore((s) => s.problems);
  const focusNode = useEditorStore((s) => s.focusNode);
  const clearSelection = useEditorStore((s) => s.clearSelection);
  const [open, setOpen] = useState(true);
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.length - errors.length;
  // Errors first: they are what blocks publishing.
  const sorted = [...errors, ...problems.filter((p) => p.severity === 'warning')];
  return (
    <section className={`hg-problems${open ? '' : ' is-collapsed'}`} aria-label="Problems" data-testid="problems">
      <button type="button" className="hg-problems__toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="hg-problems__chevron" aria-hidden="true">
          ▾
        </span>
        <span>Problems</span>
        <span className={`hg-badge${errors.length ? ' hg-badge--error' : ''}`} data-testid="error-count">
          {errors.length} error{errors.length === 1 ? '' : 's'}
        </span>
        <span className={`hg-badge${warnings ? ' hg-badge--warning' : ''}`}>
          {warnings} warning{warnings === 1 ? '' : 's'}
        </span>
        <span className="hg-problems__hide">{open ? 'Hide' : 'Show'}</span>
      </button>
      {open &&
        (problems.length === 0 ? (
          <p className="hg-problems__empty">No problems: this flow can be published.</p>
        ) : (
          <ul className="hg-problems__list">
            {sorted.slice(0, SHOWN).map((p, i) => (
              <li key={`${p.pointer}-${p.code}-${i}`}>
                <button
                  type="button"
                  className={`hg-problem hg-problem--${p.severity}`}
                  onClick={() => (p.nodeId !== undefined ? focusNode(p.nodeId) : clearSelection())}
                >
                  <span className="hg-problem__icon" aria-label={p.severity === 'error' ? 'Error' : 'Warning'}>
                    {p.severity === 'error' ? '!' : '?'}
                  </span>
                  {p.nodeId !== undefined && <span className="hg-problem__node">{p.nodeId}</span>}
                  <span className="hg-problem__message">{friendlyMessage(p)}</span>
                </button>
              </li>
            ))}
            {sorted.length > SHOWN && <li className="hg-hint">…and {sorted.length - SHOWN} more.</li>}
          </ul>
        ))}
    </section>
  );
}
