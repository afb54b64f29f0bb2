import type { TriggerOverlap } from '@hourglass/documents';

/** Other live flows that take in the same contacts: each would send them its emails too. */
export function TriggerOverlapsSection({ overlaps }: { overlaps: readonly TriggerOverlap[] }) {
  if (overlaps.length === 0) return null;
  return (
    <section className="hg-publish__section hg-publish__section--warning" data-testid="publish-overlaps" aria-label="Other live flows on the same trigger">
      <h3>Also live on the same trigger</h3>
      <ul>
        {overlaps.map((o) => (
          <li key={`${o.nodeId}-${o.flowId}-${o.otherNodeId}`}>
            Contacts who enter this flow also enter <strong>“{o.flowName}”</strong> (live, version {o.version}): {o.reason}.
          </li>
        ))}
      </ul>
      <p className="hg-hint">Each flow sends its own emails and handoffs: make sure the same contacts are meant to get both.</p>
    </section>
  );
}
