import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/apiClient.ts';
import { useHandoffList } from '../../api/useHandoffList.ts';
import { formatInstant } from '../../components/formatInstant.ts';
import { HandoffVerdict } from '../../components/HandoffVerdict.tsx';
import { StepName } from '../../components/StepName.tsx';

/** The leads a flow handed to sales (the latest 200), with what sales said about each: the flow's side of the sales inbox. */
export function FlowHandoffs({ flowId }: { flowId: string }) {
  const handoffs = useHandoffList({ flow: flowId });
  return (
    <section aria-labelledby="report-handoffs" data-testid="flow-handoffs">
      <h2 id="report-handoffs">Handed to sales</h2>
      {handoffs.isPending ? (
        <p className="hg-hint">Loading…</p>
      ) : handoffs.isError ? (
        <p className="hg-error-text">{errorMessage(handoffs.error)}</p>
      ) : handoffs.data.length === 0 ? (
        <p className="hg-hint">No lead of this flow has reached sales yet.</p>
      ) : (
        <table className="hg-table">
          <thead>
            <tr>
              <th>When</th>
              <th>Contact</th>
              <th>Step</th>
              <th>Owner</th>
              <th>What sales said</th>
            </tr>
          </thead>
          <tbody>
            {handoffs.data.map((h) => (
              <tr key={h.id} data-testid="flow-handoff">
                <td>{formatInstant(h.at)}</td>
                <td>
                  <Link to={`/contacts/${encodeURIComponent(h.contactId)}`}>{h.contactId}</Link>
                </td>
                <td>
                  <StepName flowId={flowId} node={h.node} />
                </td>
                <td>{h.owner ?? 'no owner'}</td>
                <td>
                  <HandoffVerdict handoff={h} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
