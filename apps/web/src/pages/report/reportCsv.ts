import type { FlowReport } from '@hourglass/api';

const cell = (v: string | number) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (rows: (string | number)[][]) => rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';

/** A rate as a fraction with four decimals (empty when there is nothing to divide by). */
export const rate = (part: number, whole: number): string => (whole > 0 ? (part / whole).toFixed(4) : '');

/** The report's tables as CSV files, with the same numbers the page shows. */
export const reportCsv = {
  perDay: (r: FlowReport) => csv([['day', 'enrolled'], ...r.perDay.map((d) => [d.day, d.enrolled])]),
  nodes: (r: FlowReport) =>
    csv([
      ['node', 'entered', 'waiting', 'port', 'left by port'],
      ...Object.entries(r.nodes).flatMap(([id, n]) => {
        const ports = Object.entries(n.ports);
        return ports.length ? ports.map(([port, count]) => [id, n.entered, n.waiting, port, count]) : [[id, n.entered, n.waiting, '', '']];
      }),
    ]),
  emails: (r: FlowReport) =>
    csv([
      ['email', 'sent', 'suppressed', 'suppressed reasons', 'failed', 'opened', 'unique opened', 'clicked', 'unique clicked', 'click to open', 'unsubscribed'],
      ...Object.entries(r.emails).map(([id, e]) => [
        id,
        e.sent,
        e.suppressed,
        Object.entries(e.suppressedReasons)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; '),
        e.failed,
        e.opened,
        e.uniqueOpened,
        e.clicked,
        e.uniqueClicked,
        rate(e.uniqueClicked, e.uniqueOpened),
        e.unsubscribed,
      ]),
    ]),
  splits: (r: FlowReport) =>
    csv([
      ['split', 'branch', 'entered', 'measure', 'reached', 'rate', 'probability best'],
      ...Object.entries(r.splits).flatMap(([id, s]) =>
        Object.entries(s.branches).map(([k, b]) => [id, k, b.entered, s.measure, b.goal, rate(b.goal, b.entered), (s.probabilityBest[k] ?? 0).toFixed(4)]),
      ),
    ]),
};
