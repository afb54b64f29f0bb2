import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/apiClient.ts';
import type { Handoff, HandoffStatus } from '../../api/apiTypes.ts';
import { useHandoffFeedback } from '../../api/useHandoffFeedback.ts';
import { useHandoffs } from '../../api/useHandoffs.ts';
import { EventSummary } from '../../components/EventSummary.tsx';
import { formatInstant } from '../../components/formatInstant.ts';
import { HandoffVerdict } from '../../components/HandoffVerdict.tsx';
import { FlowName, StepName } from '../../components/StepName.tsx';
import { stageLabel } from '../../inspector/fields/StageSelect.tsx';
import { ScoreSplit } from '../contacts/ScoreSplit.tsx';

const TABS: { status: HandoffStatus; label: string }[] = [
  { status: 'open', label: 'To review' },
  { status: 'accepted', label: 'Accepted' },
  { status: 'rejected', label: 'Rejected' },
];

/** /inbox — leads handed to sales, to accept or send back to marketing. */
export function InboxPage() {
  const [status, setStatus] = useState<HandoffStatus>('open');
  const handoffs = useHandoffs(status);
  return (
    <div className="hg-page">
      <header className="hg-page__header">
        <h1>Sales inbox</h1>
      </header>
      <div className="hg-tabs" role="tablist" aria-label="Handoffs by status">
        {TABS.map((t) => (
          <button
            key={t.status}
            type="button"
            role="tab"
            aria-selected={status === t.status}
            className={`hg-tab${status === t.status ? ' is-active' : ''}`}
            onClick={() => setStatus(t.status)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {handoffs.isPending ? (
        <p>Loading…</p>
      ) : handoffs.isError ? (
        <p className="hg-error-text" role="alert">
          {errorMessage(handoffs.error)}
        </p>
      ) : handoffs.data.length === 0 ? (
        <div className="hg-empty">
          <p>{status === 'open' ? 'Nothing to review: no lead is waiting for sales.' : `No ${status} handoffs yet.`}</p>
        </div>
      ) : (
        <div className="hg-cards">
          {handoffs.data.map((h) => (
            <HandoffCard key={h.id} handoff={h} />
          ))}
        </div>
      )}
    </div>
  );
}

function HandoffCard({ handoff: h }: { handoff: Handoff }) {
  const feedback = useHandoffFeedback();
  const [note, setNote] = useState('');
  const p = h.properties;
  const emails = h.emailsReceived;
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ') || h.contactId;
  return (
    <article className="hg-card hg-handoff" data-testid={`handoff-${h.id}`}>
      <header>
        <h2>
          <Link to={`/contacts/${encodeURIComponent(h.contactId)}`}>{name}</Link>
        </h2>
        <p className="hg-hint">
          {p.company ? `${String(p.company)} · ` : ''}
          {stageLabel(h.stage)} · for {h.owner ?? 'no owner'} · from <FlowName flowId={h.flowId} />, <StepName flowId={h.flowId} node={h.node} /> ·{' '}
          {formatInstant(h.at)}
        </p>
      </header>
      <ScoreSplit score={h.score} />
      <details>
        <summary>Properties, events and emails</summary>
        <table className="hg-table hg-table--compact">
          <tbody>
            {Object.entries(p).map(([k, v]) => (
              <tr key={k}>
                <th>{k}</th>
                <td>{String(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Recent events</h3>
        <ul>
          {h.recentEvents.map((e, i) => (
            <li key={i}>
              {formatInstant(e.at)}: {e.type}
              {Object.keys(e.data).length > 0 && (
                <span className="hg-hint">
                  {' '}
                  (<EventSummary type={e.type} data={e.data} />)
                </span>
              )}
            </li>
          ))}
        </ul>
        <h3>Emails received</h3>
        {emails.length === 0 ? (
          <p className="hg-hint">None yet.</p>
        ) : (
          <ul>
            {emails.map((m, i) => (
              <li key={i}>
                {formatInstant(m.at)}: {m.subject}
              </li>
            ))}
          </ul>
        )}
      </details>
      {h.status === 'open' ? (
        <div className="hg-handoff__actions">
          <textarea
            className="hg-input"
            rows={2}
            aria-label={`Note about ${name} for marketing`}
            placeholder="Note for marketing (optional)"
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button
            type="button"
            className="hg-button hg-button--primary"
            disabled={feedback.isPending}
            onClick={() => feedback.mutate({ id: h.id, verdict: 'accepted', note })}
          >
            Accept
          </button>
          <button
            type="button"
            className="hg-button hg-button--danger"
            disabled={feedback.isPending}
            onClick={() => feedback.mutate({ id: h.id, verdict: 'rejected', note })}
          >
            Reject
          </button>
          {feedback.isError && (
            <p className="hg-error-text" role="alert">
              {errorMessage(feedback.error)}
            </p>
          )}
        </div>
      ) : (
        <HandoffVerdict handoff={h} />
      )}
    </article>
  );
}
