import type { FlowReport } from '@hourglass/api';
import { emailNumbers, emailRates } from '../../report/emailRates.ts';
import type { FunnelStep } from './mostCommonPath.ts';

const cell = (v: string | number) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (rows: (string | number)[][]) => rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';

/** A rate as a fraction with four decimals (empty when there is nothing to divide by). */
export const rate = (part: number, whole: number): string => (whole > 0 ? (part / whole).toFixed(4) : '');
const fraction = (r: number | null) => (r === null ? '' : r.toFixed(4));

type NameOf = (id: string) => string;

/** The report's tables as CSV files, with the same numbers the page shows (ids and names of steps both). */
export const reportCsv = {
  perDay: (r: FlowReport) => csv([['day', 'enrolled'], ...r.perDay.map((d) => [d.day, d.enrolled])]),
  funnel: (steps: readonly FunnelStep[], nameOf: NameOf) =>
    csv([
      ['step', 'node', 'name', 'entered', 'share of first step', 'left by', 'drop to next step', 'drop rate'],
      ...steps.map((s, i) => [
        i + 1,
        s.node,
        nameOf(s.node),
        s.entered,
        rate(s.entered, steps[0]!.entered),
        s.port ?? '',
        s.drop ?? '',
        s.drop === null ? '' : rate(s.drop, s.entered),
      ]),
    ]),
  nodes: (r: FlowReport, nameOf: NameOf) =>
    csv([
      ['node', 'name', 'entered', 'waiting', 'port', 'left by port'],
      ...Object.entries(r.nodes).flatMap(([id, n]) => {
        const ports = Object.entries(n.ports);
        return ports.length
          ? ports.map(([port, count]) => [id, nameOf(id), n.entered, n.waiting, port, count])
          : [[id, nameOf(id), n.entered, n.waiting, '', '']];
      }),
    ]),
  emails: (r: FlowReport, nameOf: NameOf) =>
    csv([
      [
        'email',
        'name',
        'reached',
        'sent',
        'delivered',
        'suppressed',
        'suppressed reasons',
        'failed',
        'opened',
        'unique opened',
        'open rate',
        'clicked',
        'unique clicked',
        'click rate',
        'click to open',
        'unsubscribed',
        'unsubscribe rate',
      ],
      ...Object.entries(r.emails).map(([id, e]) => {
        const n = emailNumbers(e, r.nodes[id]?.entered ?? 0);
        const rates = emailRates(n);
        return [
          id,
          nameOf(id),
          n.reached,
          n.sent,
          n.delivered,
          e.suppressed,
          Object.entries(e.suppressedReasons)
            .map(([k, v]) => `${k}: ${v}`)
            .join('; '),
          e.failed,
          e.opened,
          e.uniqueOpened,
          fraction(rates.opened),
          e.clicked,
          e.uniqueClicked,
          fraction(rates.clicked),
          fraction(rates.clickToOpen),
          e.unsubscribed,
          fraction(rates.unsubscribed),
        ];
      }),
    ]),
  splits: (r: FlowReport, nameOf: NameOf) =>
    csv([
      ['split', 'name', 'branch', 'entered', 'measure', 'reached', 'rate', 'probability best'],
      ...Object.entries(r.splits).flatMap(([id, s]) =>
        Object.entries(s.branches).map(([k, b]) => [
          id,
          nameOf(id),
          k,
          b.entered,
          s.measure,
          b.goal,
          rate(b.goal, b.entered),
          (s.probabilityBest[k] ?? 0).toFixed(4),
        ]),
      ),
    ]),
  handoffs: (r: FlowReport, nameOf: NameOf) =>
    csv([
      ['handoff', 'name', 'by', 'value', 'handed off', 'accepted', 'rejected', 'waiting', 'acceptance rate'],
      ...Object.entries(r.handoffs).flatMap(([id, h]) => [
        ...h.routes.map((v) => [
          id,
          nameOf(id),
          'routing rule',
          v.route,
          v.handedOff,
          v.accepted,
          v.rejected,
          v.open,
          rate(v.accepted, v.accepted + v.rejected),
        ]),
        ...h.bands.map((v) => [
          id,
          nameOf(id),
          'score band',
          `${v.min} to ${v.max}`,
          v.handedOff,
          v.accepted,
          v.rejected,
          v.open,
          rate(v.accepted, v.accepted + v.rejected),
        ]),
      ]),
    ]),
};
