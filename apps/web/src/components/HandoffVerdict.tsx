import type { Handoff } from '../api/apiTypes.ts';
import { formatInstant } from './formatInstant.ts';

const VERDICT = { open: 'Waiting for sales', accepted: 'Accepted by sales', rejected: 'Rejected by sales' } as const;

/** What sales said about a handoff: the verdict with its day and the note for marketing, in words. */
export function HandoffVerdict({ handoff: h }: { handoff: Pick<Handoff, 'status' | 'note' | 'feedbackAt'> }) {
  return (
    <div className="hg-verdict" data-testid="handoff-verdict" data-status={h.status}>
      <span className={`hg-badge${h.status === 'accepted' ? ' hg-badge--live' : h.status === 'rejected' ? ' hg-badge--warning' : ''}`}>
        {VERDICT[h.status]}
      </span>
      {h.feedbackAt && <span className="hg-hint"> {formatInstant(h.feedbackAt)}</span>}
      {h.note && (
        <blockquote className="hg-verdict__note" data-testid="handoff-note">
          “{h.note}”
        </blockquote>
      )}
    </div>
  );
}
