import type { FlowReport } from '@hourglass/api';
import { count, share } from '../../report/reportNumbers.ts';

/** Entered, in the flow now, goal and completion rates: of the contacts that entered in the range. */
export function ReportTotals({ r }: { r: FlowReport }) {
  const ended = r.completed + r.goal;
  return (
    <section aria-labelledby="report-totals">
      <h2 id="report-totals">Totals</h2>
      <dl className="hg-report__totals" data-testid="report-totals">
        <div>
          <dt>Entered</dt>
          <dd data-testid="total-enrolled">{count(r.enrolled)}</dd>
        </div>
        <div>
          <dt>In the flow now</dt>
          <dd data-testid="total-active">{count(r.active)}</dd>
        </div>
        <div>
          <dt>Reached the goal</dt>
          <dd data-testid="total-goal">
            {count(r.goal)} <small>({share(r.goal, r.enrolled)} goal rate)</small>
          </dd>
        </div>
        <div>
          <dt>Finished</dt>
          <dd data-testid="total-ended">
            {count(ended)} <small>({share(ended, r.enrolled)} completion rate)</small>
          </dd>
        </div>
        {r.removed > 0 && (
          <div>
            <dt>Removed</dt>
            <dd>{count(r.removed)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
