import { errorMessage } from '../../api/apiClient.ts';
import { useContactTrace } from '../../api/useContactTrace.ts';
import { formatInstant } from '../../components/formatInstant.ts';
import { FlowName, StepName } from '../../components/StepName.tsx';

const STATUS: Record<string, string> = { active: 'In the flow', completed: 'Completed', goal: 'Reached the goal', 'not-enrolled': 'Not enrolled' };

/** What happened to a contact in one flow: every step with its time, emails and handoffs. */
export function TraceView({ contactId, flowId }: { contactId: string; flowId: string }) {
  const trace = useContactTrace(contactId, flowId);
  if (trace.isPending) return <p>Loading the trace…</p>;
  if (trace.isError) return <p className="hg-error-text">The trace cannot be shown: {errorMessage(trace.error)}</p>;
  const t = trace.data;
  return (
    <div className="hg-trace" data-testid="trace">
      <p>
        <strong>{STATUS[t.status] ?? t.status}</strong> in <FlowName flowId={t.flow} />
      </p>
      {t.enrolments.map((e, i) => (
        <div key={i} className="hg-trace__enrolment">
          <h4>
            Enrolment {i + 1}: {STATUS[e.status] ?? e.status}
            {e.position && (
              <>
                , waiting on <StepName flowId={flowId} node={e.position} />
              </>
            )}
          </h4>
          <ol className="hg-timeline">
            {e.steps.map((s, j) => (
              <li key={j}>
                <time>{formatInstant(s.at)}</time> <StepName flowId={flowId} node={s.node} /> <span className="hg-hint">{s.type}</span>
                {s.migratedFrom && (
                  <span className="hg-badge" data-testid="trace-moved">
                    moved here from version {s.migratedFrom.version} ({s.migratedFrom.node})
                  </span>
                )}
                {s.port && (
                  <>
                    {' '}
                    → <strong>{s.port}</strong>
                  </>
                )}
              </li>
            ))}
          </ol>
        </div>
      ))}
      {t.emails.length > 0 && (
        <>
          <h4>Emails</h4>
          <ul>
            {t.emails.map((m, i) => (
              <li key={i}>
                {formatInstant(m.at)}: <StepName flowId={flowId} node={m.node} />, “{m.subject}”{' '}
                {m.suppressed ? (
                  <span className={`hg-badge hg-badge--${m.suppressed === 'render-failed' ? 'error' : 'warning'}`}>not sent: {m.suppressed}</span>
                ) : (
                  `to ${m.to}`
                )}
                {m.error && (
                  <div className="hg-error-text" data-testid="trace-email-error">
                    {m.error}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {t.handoffs.length > 0 && (
        <>
          <h4>Handoffs</h4>
          <ul>
            {t.handoffs.map((h, i) => (
              <li key={i}>
                {formatInstant(h.at)}: to {h.owner ?? 'no owner'} at <StepName flowId={flowId} node={h.node} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
