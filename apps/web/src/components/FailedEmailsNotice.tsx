import { Link } from 'react-router-dom';
import { useOutbox } from '../api/useOutbox.ts';

/**
 * Says, where a marketer looks (a contact's page, a flow's editor), that emails of this contact or
 * flow could not be sent and why: a failed render or delivery is never silent.
 */
export function FailedEmailsNotice({ contact, flow }: { contact?: string; flow?: string }) {
  const failed = useOutbox({ status: 'failed', ...(contact ? { contact } : {}), ...(flow ? { flow } : {}) });
  const emails = failed.data ?? [];
  if (emails.length === 0) return null;
  const reasons = [...new Set(emails.map((m) => m.error ?? 'The mail server refused it.'))];
  const steps = [...new Set(emails.map((m) => m.node))];
  return (
    <div className="hg-notice hg-notice--error" role="alert" data-testid="failed-emails">
      <strong>{emails.length === 1 ? '1 email' : `${emails.length} emails`} could not be sent</strong>
      {flow ? ` (step${steps.length === 1 ? '' : 's'} ${steps.join(', ')})` : ''}: {reasons.slice(0, 3).join(' ')}
      {reasons.length > 3 ? ` …and ${reasons.length - 3} other reasons.` : ''} <Link to="/mailbox">See them in the mailbox</Link>
    </div>
  );
}
