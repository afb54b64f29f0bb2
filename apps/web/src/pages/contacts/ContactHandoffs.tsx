import { errorMessage } from '../../api/apiClient.ts';
import { useHandoffList } from '../../api/useHandoffList.ts';
import { formatInstant } from '../../components/formatInstant.ts';
import { HandoffVerdict } from '../../components/HandoffVerdict.tsx';
import { FlowName, StepName } from '../../components/StepName.tsx';

/** The contact's handoffs to sales, each with the verdict and the note sales left for marketing. */
export function ContactHandoffs({ contactId }: { contactId: string }) {
  const handoffs = useHandoffList({ contact: contactId });
  return (
    <section className="hg-card" aria-label="Handoffs to sales" data-testid="contact-handoffs">
      <h3>Handoffs to sales</h3>
      {handoffs.isPending ? (
        <p className="hg-hint">Loading…</p>
      ) : handoffs.isError ? (
        <p className="hg-error-text">{errorMessage(handoffs.error)}</p>
      ) : handoffs.data.length === 0 ? (
        <p className="hg-hint">Never handed to sales.</p>
      ) : (
        <ul className="hg-verdict-list">
          {handoffs.data.map((h) => (
            <li key={h.id} data-testid="contact-handoff">
              {formatInstant(h.at)}: to {h.owner ?? 'no owner'}, from <FlowName flowId={h.flowId} /> at <StepName flowId={h.flowId} node={h.node} />
              <HandoffVerdict handoff={h} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
