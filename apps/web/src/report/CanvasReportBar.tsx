import { Link } from 'react-router-dom';
import { useEditorStore, useEditorStoreApi } from '../editor/store/EditorStoreContext.tsx';
import { count } from './reportNumbers.ts';

/**
 * Above the canvas in the "all time" mode: which contacts the numbers count (all time, or those
 * that entered within a range of days) and what the numbers on edges and emails mean.
 */
export function CanvasReportBar({ flowId }: { flowId: string }) {
  const store = useEditorStoreApi();
  const range = useEditorStore((s) => s.countRange);
  const enrolled = useEditorStore((s) => s.report?.enrolled);
  const set = (change: Partial<typeof range>) => store.getState().setCountRange({ ...range, ...change });
  return (
    <div className="hg-canvas-report" role="group" aria-label="What the canvas counts" data-testid="canvas-report-bar">
      <span>
        <strong>{enrolled === undefined ? 'Counting…' : `${count(enrolled)} contacts`}</strong> that entered
      </span>
      <label>
        from{' '}
        <input type="date" value={range.from} max={range.until || undefined} onChange={(e) => set({ from: e.target.value })} data-testid="canvas-report-from" />
      </label>
      <label>
        until (including){' '}
        <input
          type="date"
          value={range.until}
          min={range.from || undefined}
          onChange={(e) => set({ until: e.target.value })}
          data-testid="canvas-report-until"
        />
      </label>
      {(range.from || range.until) && (
        <button type="button" className="hg-link-button" onClick={() => set({ from: '', until: '' })}>
          All time
        </button>
      )}
      <span className="hg-hint">
        Edges: share of contacts that left a step by each way out. Email rates: opens, clicks and unsubscribes of delivered emails.
      </span>
      <Link to={`/flows/${flowId}/report`} className="hg-link-button">
        Full report
      </Link>
    </div>
  );
}
