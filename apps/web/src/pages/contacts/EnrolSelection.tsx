import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/apiClient.ts';
import type { ContactSummary } from '../../api/apiTypes.ts';
import { useEnrolContact } from '../../api/useEnrolContact.ts';
import { useFlows } from '../../api/useFlows.ts';

const nameOf = (c: ContactSummary) => String(c.properties.firstName ?? c.email ?? c.id);

/** Enrols the selected contacts, one after the other, in a published flow with a manual trigger. */
export function EnrolSelection({ selected, onDone }: { selected: ContactSummary[]; onDone: () => void }) {
  const flows = useFlows();
  const enrol = useEnrolContact();
  const published = (flows.data ?? []).filter((f) => f.publishedVersion !== null);
  const [flowId, setFlowId] = useState('');
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<{ enrolled: number; refused: string[] } | null>(null);
  const chosen = flowId || published[0]?.id || '';

  const run = async () => {
    setRunning(true);
    let enrolled = 0;
    const refused: string[] = [];
    for (const c of selected) {
      try {
        await enrol.mutateAsync({ flowId: chosen, contactId: c.id });
        enrolled++;
      } catch (e) {
        refused.push(`${nameOf(c)}: ${e instanceof ApiError ? e.message : errorMessage(e)}`);
      }
    }
    setRunning(false);
    setReport({ enrolled, refused });
    onDone();
  };

  return (
    <div className="hg-selection-bar" data-testid="enrol-selection">
      {selected.length > 0 && <span>{selected.length} selected</span>}
      {published.length === 0 ? (
        <span className="hg-hint">Publish a flow with a manual trigger to enrol contacts by hand.</span>
      ) : (
        selected.length > 0 && (
          <>
            <select
              className="hg-input hg-input--narrow"
              aria-label="Flow to enrol the selection in"
              value={chosen}
              onChange={(e) => setFlowId(e.target.value)}
            >
              {published.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
            <button type="button" className="hg-button hg-button--primary" disabled={running} onClick={() => void run()}>
              {running ? 'Enrolling…' : `Enrol ${selected.length}`}
            </button>
          </>
        )
      )}
      {selected.length === 0 && !report && <span className="hg-hint">Tick contacts to enrol them in a flow.</span>}
      {report && (
        <div role="status">
          Enrolled {report.enrolled} of {report.enrolled + report.refused.length}.
          {report.refused.length > 0 && (
            <ul>
              {report.refused.map((r) => (
                <li key={r} className="hg-error-text">
                  {r}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
