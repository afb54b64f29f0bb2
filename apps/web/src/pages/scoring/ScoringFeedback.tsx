import { scoreBandLabel, type ScoringFeedback as Feedback } from '@hourglass/api';
import { errorMessage } from '../../api/apiClient.ts';
import { useScoringFeedback } from '../../api/useScoringFeedback.ts';
import { downloadText } from '../../files/downloadText.ts';
import { count, share } from '../../report/reportNumbers.ts';
import { VerdictsTable } from '../../report/VerdictsTable.tsx';

const csv = (f: Feedback) =>
  ['score from,score to,handed off,accepted,rejected,waiting,acceptance rate']
    .concat(
      f.bands.map((b) =>
        [b.min, b.max, b.handedOff, b.accepted, b.rejected, b.open, b.accepted + b.rejected ? (b.accepted / (b.accepted + b.rejected)).toFixed(4) : ''].join(
          ',',
        ),
      ),
    )
    .join('\n') + '\n';

/**
 * The feedback loop of lead scoring: for each score band (10 points wide), how many contacts
 * flows handed to sales and how sales judged them, so a marketer sees whether a threshold is right.
 */
export function ScoringFeedback() {
  const feedback = useScoringFeedback();
  return (
    <section className="hg-card" aria-labelledby="scoring-feedback" data-testid="scoring-feedback">
      <h2 id="scoring-feedback">
        What sales said, by score{' '}
        {feedback.data && feedback.data.bands.length > 0 && (
          <button type="button" className="hg-button hg-button--small" onClick={() => downloadText('scoring-feedback.csv', csv(feedback.data), 'text/csv')}>
            Download CSV
          </button>
        )}
      </h2>
      <p className="hg-hint">
        Every flow&apos;s handoffs, by the contact&apos;s score when handed off. If sales rejects most contacts just above the score a flow hands off at, that
        threshold is too low; if it accepts nearly all of them, a lower one may bring more good leads.
      </p>
      {feedback.isError ? (
        <p className="hg-error-text" role="alert">
          The verdicts cannot be shown: {errorMessage(feedback.error)}
        </p>
      ) : !feedback.data ? (
        <p className="hg-hint">Loading the verdicts…</p>
      ) : feedback.data.bands.length === 0 ? (
        <p className="hg-hint">No contact has been handed to sales yet.</p>
      ) : (
        <>
          <p data-testid="scoring-feedback-total">
            {count(feedback.data.total.handedOff)} handed off: {count(feedback.data.total.accepted)} accepted, {count(feedback.data.total.rejected)} rejected,{' '}
            {count(feedback.data.total.open)} waiting for sales (
            {share(feedback.data.total.accepted, feedback.data.total.accepted + feedback.data.total.rejected)} accepted of those judged).
          </p>
          <VerdictsTable
            by="Score at handoff"
            testId="scoring-bands"
            rows={[...feedback.data.bands].reverse().map((b) => ({ key: String(b.min), label: scoreBandLabel(b.min), verdicts: b }))}
          />
        </>
      )}
    </section>
  );
}
