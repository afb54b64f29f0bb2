import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/apiClient.ts';
import type { FlowSummary } from '../../api/apiTypes.ts';
import { useFlows } from '../../api/useFlows.ts';
import { formatInstant } from '../../components/formatInstant.ts';
import { formatRelative } from '../../components/formatRelative.ts';
import { DraftChangesDialog } from '../../versions/DraftChangesDialog.tsx';
import { FlowRowActions } from './FlowRowActions.tsx';
import { ImportFlowButton } from './ImportFlowButton.tsx';
import { NewFlowDialog } from './NewFlowDialog.tsx';

/** / — every flow with its state, and the ways to make new ones. */
export function FlowListPage() {
  const flows = useFlows();
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const taken = useMemo(() => new Set((flows.data ?? []).map((f) => f.id)), [flows.data]);
  // Names more than one flow has: those flows show their id, so they can be told apart.
  const sharedNames = useMemo(() => {
    const seen = new Map<string, number>();
    for (const f of flows.data ?? []) seen.set(f.name, (seen.get(f.name) ?? 0) + 1);
    return new Set([...seen].filter(([, n]) => n > 1).map(([name]) => name));
  }, [flows.data]);
  const [comparing, setComparing] = useState<FlowSummary | null>(null);
  return (
    <div className="hg-page">
      <header className="hg-page__header">
        <h1>Flows</h1>
        <div className="hg-page__actions">
          <ImportFlowButton taken={taken} />
          <button type="button" className="hg-button hg-button--primary" onClick={() => setCreating(true)}>
            New flow
          </button>
        </div>
      </header>
      {message && (
        <div className="hg-notice" role="status">
          {message}{' '}
          <button type="button" className="hg-link-button" onClick={() => setMessage(null)}>
            Dismiss
          </button>
        </div>
      )}
      {flows.isPending ? (
        <p>Loading flows…</p>
      ) : flows.isError ? (
        <p className="hg-error-text" role="alert">
          The flows cannot be shown: {errorMessage(flows.error)}
        </p>
      ) : flows.data.length === 0 ? (
        <div className="hg-empty" data-testid="flows-empty">
          <h2>No flows yet</h2>
          <p>A flow takes contacts from a trigger, such as a form submitted, through emails and waits until they are ready for sales.</p>
          <button type="button" className="hg-button hg-button--primary" onClick={() => setCreating(true)}>
            Create your first flow
          </button>
        </div>
      ) : (
        <table className="hg-table" data-testid="flow-list">
          <thead>
            <tr>
              <th>Flow</th>
              <th>State</th>
              <th>In the flow now</th>
              <th>Last change</th>
              <th>
                <span className="hg-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {flows.data.map((f) => (
              <tr key={f.id} data-testid={`flow-row-${f.id}`}>
                <td>
                  <Link to={`/flows/${f.id}`} className="hg-flow-link" title={`ID: ${f.id}`}>
                    {f.name}
                  </Link>
                  {sharedNames.has(f.name) && (
                    <span className="hg-flow-id" data-testid={`flow-id-${f.id}`} title="Another flow has the same name: this is the ID that tells them apart">
                      {f.id}
                    </span>
                  )}
                  {f.description && <div className="hg-hint">{f.description}</div>}
                </td>
                <td>
                  <FlowState flow={f} showChanges={() => setComparing(f)} />
                </td>
                <td>
                  {f.enrolled} contact{f.enrolled === 1 ? '' : 's'}
                </td>
                <td title={formatInstant(f.updatedAt)}>{formatRelative(f.updatedAt)}</td>
                <td>
                  <FlowRowActions flow={f} taken={taken} onMessage={setMessage} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewFlowDialog open={creating} onClose={() => setCreating(false)} taken={taken} />
      {comparing && comparing.publishedVersion !== null && (
        <DraftChangesDialog flowId={comparing.id} name={comparing.name} version={comparing.publishedVersion} onClose={() => setComparing(null)} />
      )}
    </div>
  );
}

function FlowState({ flow, showChanges }: { flow: FlowSummary; showChanges: () => void }) {
  const { errors, warnings } = flow.draftProblems ?? { errors: 0, warnings: 0 };
  return (
    <div className="hg-state">
      {flow.publishedVersion !== null && flow.draftDiffers ? (
        <>
          <span className="hg-badge hg-badge--warning" title={`Contacts who enter now follow version ${flow.publishedVersion}; the draft is not live.`}>
            Draft differs from v{flow.publishedVersion}
          </span>
          <button type="button" className="hg-link-button" onClick={showChanges} aria-label={`See the changes in the draft of ${flow.name}`}>
            See changes
          </button>
        </>
      ) : flow.publishedVersion !== null ? (
        <span className="hg-badge hg-badge--live">Published v{flow.publishedVersion}</span>
      ) : (
        <span className="hg-badge">Draft</span>
      )}
      {errors > 0 && (
        <span className="hg-badge hg-badge--error">
          {errors} error{errors === 1 ? '' : 's'} in the draft
        </span>
      )}
      {errors === 0 && warnings > 0 && (
        <span className="hg-badge hg-badge--warning">
          {warnings} warning{warnings === 1 ? '' : 's'}
        </span>
      )}
    </div>
  );
}
