import { Fragment, useState } from 'react';
import { errorMessage } from '../../api/apiClient.ts';
import { useOutbox } from '../../api/useOutbox.ts';
import { formatInstant } from '../../components/formatInstant.ts';
import { FlowName, StepName } from '../../components/StepName.tsx';
import { SentEmail } from './SentEmail.tsx';

const STATUSES = [
  { value: '', label: 'All emails' },
  { value: 'sent', label: 'Sent' },
  { value: 'suppressed', label: 'Not sent (suppressed)' },
  { value: 'failed', label: 'Failed' },
  { value: 'pending', label: 'Waiting to be sent' },
];
const SUPPRESSED: Record<string, string> = {
  unsubscribed: 'the contact unsubscribed',
  'no-email': 'the contact has no email address',
  'render-failed': 'its template could not be rendered',
  'moment-passed': 'its moment passed while the flow was paused',
};

/** /mailbox — every email the flows sent or held back, and why. */
export function MailboxPage() {
  const [status, setStatus] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const outbox = useOutbox({ status });
  return (
    <div className="hg-page">
      <header className="hg-page__header">
        <h1>Mailbox</h1>
        <select className="hg-input hg-input--narrow" aria-label="Show" value={status} onChange={(e) => setStatus(e.target.value)}>
          {STATUSES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </header>
      {outbox.isPending ? (
        <p>Loading…</p>
      ) : outbox.isError ? (
        <p className="hg-error-text" role="alert">
          {errorMessage(outbox.error)}
        </p>
      ) : outbox.data.length === 0 ? (
        <div className="hg-empty">
          <p>No emails {status ? 'with this status ' : ''}yet.</p>
        </div>
      ) : (
        <table className="hg-table">
          <thead>
            <tr>
              <th>When</th>
              <th>To</th>
              <th>Subject</th>
              <th>Flow</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {outbox.data.map((m) => (
              <Fragment key={m.id}>
                <tr>
                  <td>{formatInstant(m.sentAt ?? m.at)}</td>
                  <td>{m.to ?? <span className="hg-hint">no address</span>}</td>
                  <td>
                    <button type="button" className="hg-link-button" aria-expanded={openId === m.id} onClick={() => setOpenId(openId === m.id ? null : m.id)}>
                      {m.subject || '(no subject)'}
                    </button>
                  </td>
                  <td>
                    <FlowName flowId={m.flowId} />
                    <span className="hg-hint">
                      {' '}
                      · <StepName flowId={m.flowId} node={m.node} />
                    </span>
                    {m.kind === 'notification' && <div className="hg-hint">Notification to the sales owner</div>}
                  </td>
                  <td>
                    <span
                      className={`hg-badge${m.status === 'sent' ? ' hg-badge--live' : m.status === 'failed' ? ' hg-badge--error' : m.status === 'suppressed' ? ' hg-badge--warning' : ''}`}
                    >
                      {m.status}
                    </span>
                    {m.suppressed && <div className="hg-hint">because {SUPPRESSED[m.suppressed] ?? m.suppressed}</div>}
                    {m.error && <div className="hg-error-text">{m.error}</div>}
                  </td>
                </tr>
                {openId === m.id && (
                  <tr>
                    <td colSpan={5}>
                      <SentEmail subject={m.subject} html={m.html} text={m.body} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
