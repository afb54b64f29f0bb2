// reports.flowReportMs: GET /api/flows/:id/report's work (counters read, report built, split
// posteriors integrated, handoffs with sales' verdicts by route and score band) on the data set
// the runtime suite has just built, in the same database; reports.scoringFeedbackMs: GET
// /api/scoring/feedback's (the score bands of every flow). Sales first gives its verdict on some
// of the handoffs, through the same trigger as POST /api/handoffs/:id/feedback.
import type { Database } from 'better-sqlite3';
import { flowReport, reportedFlow } from '../apps/server/src/flowReport.ts';
import { FlowRepository } from '../apps/server/src/flowRepository.ts';
import { scoringFeedback } from '../apps/server/src/handoffVerdicts.ts';
import { ReportRepository } from '../apps/server/src/reportRepository.ts';
import type { Results } from './harness.ts';

const RUNS = 10;

/** The slowest of RUNS, with the median and the first in the note. */
function timed<T>(run: () => T): { slowest: number; median: number; first: number; value: T } {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    value = run();
    times.push(performance.now() - start);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { slowest: sorted.at(-1)!, median: sorted[RUNS / 2 - 1]!, first: times[0]!, value };
}

export function measureFlowReport(db: Database, flowId: string, contacts: number): Results {
  const flows = new FlowRepository(db);
  const reports = new ReportRepository(db);
  // Sales accepts every third handoff and rejects every fifth of the others.
  db.prepare(`UPDATE handoffs SET status = CASE WHEN n % 3 = 0 THEN 'accepted' ELSE 'rejected' END, feedback_at = at WHERE n % 3 = 0 OR n % 5 = 0`).run();
  const handoffs = db.prepare(`SELECT count(*) AS n, sum(status = 'accepted') AS accepted, sum(status = 'rejected') AS rejected FROM handoffs`).get() as {
    n: number;
    accepted: number;
    rejected: number;
  };

  const report = timed(() => {
    const version = flows.latestVersion(flowId)!;
    return flowReport(
      flowId,
      reportedFlow(flows.version(flowId, version)?.flow),
      reports.counts(flowId, null, -Infinity, Infinity),
      reports.perDay(flowId, null, -Infinity, Infinity),
      { from: null, to: null, version: null },
    );
  });
  if (report.value.enrolled !== contacts) throw new Error(`the report counts ${report.value.enrolled} enrolments, not ${contacts}`);
  const counted = Object.values(report.value.handoffs).reduce((sum, h) => sum + h.total.handedOff, 0);
  const accepted = Object.values(report.value.handoffs).reduce((sum, h) => sum + h.total.accepted, 0);
  if (counted !== handoffs.n || accepted !== handoffs.accepted)
    throw new Error(`the report counts ${counted} handoffs (${accepted} accepted), not ${handoffs.n} (${handoffs.accepted})`);

  const feedback = timed(() => scoringFeedback(reports.bands()));
  if (feedback.value.total.handedOff !== handoffs.n || feedback.value.total.rejected !== handoffs.rejected)
    throw new Error(`the scoring feedback counts ${feedback.value.total.handedOff} handoffs, not ${handoffs.n}`);

  const note = (t: { median: number; first: number }) => `slowest of ${RUNS} (median ${t.median.toFixed(1)} ms, first ${t.first.toFixed(1)} ms)`;
  return {
    'reports.flowReportMs': {
      value: report.slowest,
      unit: 'ms',
      target: '< 500',
      note: `${note(report)}; ${contacts} enrolments, ${handoffs.n} handoffs with ${handoffs.accepted + handoffs.rejected} verdicts`,
    },
    'reports.scoringFeedbackMs': {
      value: feedback.slowest,
      unit: 'ms',
      target: '< 500',
      note: `${note(feedback)}; GET /api/scoring/feedback over ${handoffs.n} handoffs`,
    },
  };
}
