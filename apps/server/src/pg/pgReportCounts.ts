import { scoreBand } from '@hourglass/api';
import type { EnrolmentRecord } from '@hourglass/engine';
import type { Query, ReadSet } from './pgReads.ts';
import type { Write } from './unitOfWork.ts';

/** What the reports count an enrolment by: its flow, version and the UTC day it entered, with its state. */
interface Known {
  flowId: string;
  version: number;
  day: number;
  enteredAt: number;
  status: string;
  position: string | null;
}

/** A change to a counter of an enrolment; `key` when it counts under a state the enrolment left (a migration). */
type Change = [enrolmentId: string, kind: string, node: string, port: string, delta: number, key?: Known];

const DAY = 86_400_000;
/** An enrolment as the counters know it. */
const knownOf = (e: Pick<EnrolmentRecord, 'flowId' | 'version' | 'enteredAt' | 'status' | 'position'>): Known => ({
  flowId: e.flowId,
  version: e.version,
  day: Math.floor(e.enteredAt / DAY),
  enteredAt: e.enteredAt,
  status: e.status,
  position: e.position,
});

/** Whether a version of a flow has a split node (unknown: true): an enrolment ending in one without needs no branch count. */
export type SplitCheck = (flowId: string, version: number) => boolean;
const ENGAGEMENT = new Set(['email_opened', 'email_clicked', 'unsubscribed']);
const UPSERT = 'ON CONFLICT (flow_id, version, day, kind, node, port) DO UPDATE SET count = report_counts.count + excluded.count';

/**
 * The flow reports' counters (`report_counts`) of a unit's writes, as SQLite's ReportCounter
 * counts them, in statements to run last in the unit's commit (after the rows they join with):
 * enrolments entering, moving and ending, steps entered and left, suppressed and failed emails,
 * handoffs, engagement events. Worked out from the writes and what was read, without a query;
 * what needs the database is done by the statements themselves — the split branches of an
 * enrolment that ends (its split steps) and whether an engagement event is the first of its
 * kind since the enrolment began. Summed per counter and sorted, so two workers' batches lock
 * the counters they share in one order. Deliveries, removals and sales' verdicts are counted by
 * triggers (pgMigrations.ts, 3).
 */
export function reportCountQueries(writes: readonly Write[], reads: ReadSet, hasSplit: SplitCheck = () => true): Query[] {
  const known = new Map<string, Known>();
  /** Each contact's enrolments per flow, oldest first (the latest counts an engagement event). */
  const latest = new Map<string, string>();
  for (const image of reads.contacts.values())
    for (const e of image.enrolments) {
      known.set(e.id, knownOf(e));
      latest.set(`${e.contactId}\u0000${e.flowId}`, e.id);
    }
  const changes: Change[] = [];
  const ended = new Map<string, string>();
  const engaged: { enrolmentId: string; type: string; node: string; contactId: string; seq: number; flow: string }[] = [];
  const isEnded = (status: string | undefined) => status === 'goal' || status === 'completed';

  const left = (enrolmentId: string, node: string, type: string | null, port: string) => {
    changes.push([enrolmentId, 'left', node, port, 1]);
    const status = known.get(enrolmentId)?.status;
    // Ended in this unit: the statement for its split steps counts this one too.
    if (type === 'split' && isEnded(status) && !ended.has(enrolmentId)) changes.push([enrolmentId, `branch_${status}`, node, port, 1]);
  };

  for (const w of writes) {
    switch (w.kind) {
      case 'enrolment': {
        const e = w.enrolment;
        let before = known.get(e.id);
        const now = knownOf(e);
        if (!known.has(e.id)) latest.set(`${e.contactId}\u0000${e.flowId}`, e.id);
        known.set(e.id, now);
        if (before && before.version !== now.version) {
          // A migration: the enrolment leaves the old version's counts and is counted in the new one's.
          changes.push([e.id, 'enrolled', '', '', -1, before], [e.id, 'status', '', before.status, -1, before]);
          if (before.status === 'active' && before.position !== null) changes.push([e.id, 'waiting', before.position, '', -1, before]);
          before = undefined;
        }
        if (!before) changes.push([e.id, 'enrolled', '', '', 1], [e.id, 'status', '', e.status, 1]);
        else if (before.status !== now.status) {
          changes.push([e.id, 'status', '', before.status, -1], [e.id, 'status', '', now.status, 1]);
          if (before.status === 'active' && isEnded(now.status) && hasSplit(e.flowId, e.version)) ended.set(e.id, now.status);
        }
        const waitedOn = before?.status === 'active' ? before.position : null;
        const waitsOn = now.status === 'active' ? now.position : null;
        if (waitedOn !== waitsOn) {
          if (waitedOn !== null) changes.push([e.id, 'waiting', waitedOn, '', -1]);
          if (waitsOn !== null) changes.push([e.id, 'waiting', waitsOn, '', 1]);
        }
        break;
      }
      case 'step':
        changes.push([w.step.enrolmentId, 'entered', w.step.node, '', 1]);
        if (w.step.port !== undefined) left(w.step.enrolmentId, w.step.node, w.step.type, w.step.port);
        break;
      case 'port':
        left(w.enrolmentId, w.node, null, w.port);
        break;
      case 'email': {
        const m = w.email;
        if (m.kind !== 'marketing' || !m.suppressed) break;
        if (m.suppressed === 'render-failed') changes.push([m.enrolmentId, 'failed', m.node, '', 1]);
        else changes.push([m.enrolmentId, 'suppressed', m.node, m.suppressed, 1]);
        break;
      }
      case 'handoff': {
        const h = w.handoff;
        changes.push(
          [h.enrolmentId, 'handoff_open', h.node, h.route ?? 'unknown', 1],
          [h.enrolmentId, 'band_open', h.node, String(scoreBand(h.score.score)), 1],
        );
        break;
      }
      case 'event': {
        const { type, data, contactId, seq } = w.event;
        if (!ENGAGEMENT.has(type)) break;
        const { flow, email } = data as Record<string, unknown>;
        if (typeof flow !== 'string' || typeof email !== 'string') break;
        const enrolmentId = latest.get(`${contactId}\u0000${flow}`);
        if (!enrolmentId) break;
        changes.push([enrolmentId, type, email, '', 1]);
        if (type !== 'unsubscribed') engaged.push({ enrolmentId, type, node: email, contactId, seq, flow });
        break;
      }
      case 'contact':
      case 'roundRobin':
      case 'hold':
        break;
    }
  }

  const queries: Query[] = [];
  const sums = new Map<string, [string, number, number, string, string, string, number]>();
  for (const [id, kind, node, port, delta, counted] of changes) {
    const k = counted ?? known.get(id);
    if (!k) continue;
    const key = JSON.stringify([k.flowId, k.version, k.day, kind, node, port]);
    const sum = sums.get(key);
    if (sum) sum[6] += delta;
    else sums.set(key, [k.flowId, k.version, k.day, kind, node, port, delta]);
  }
  const rows = [...sums.entries()]
    .filter(([, r]) => r[6] !== 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, r]) => r);
  if (rows.length)
    queries.push({
      text: `INSERT INTO report_counts (flow_id, version, day, kind, node, port, count)
             SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[]) ${UPSERT}`,
      values: [0, 1, 2, 3, 4, 5, 6].map((i) => rows.map((r) => r[i])),
    });
  const keyOf = (id: string) => known.get(id)!;
  if (ended.size) {
    const ids = [...ended.keys()].sort();
    queries.push({
      text: `INSERT INTO report_counts (flow_id, version, day, kind, node, port, count)
             SELECT u.flow_id, u.version, u.day, 'branch_' || u.status, s.node, s.port, count(*)
             FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[]) AS u(id, flow_id, version, day, status)
             JOIN steps AS s ON s.enrolment_id = u.id AND s.type = 'split' AND s.port IS NOT NULL
             GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6 ${UPSERT}`,
      // After the steps are written (the split steps of this batch count too).
      alone: 'after',
      values: [ids, ids.map((id) => keyOf(id).flowId), ids.map((id) => keyOf(id).version), ids.map((id) => keyOf(id).day), ids.map((id) => ended.get(id)!)],
    });
  }
  if (engaged.length) {
    // The first of its type for the node since the enrolment began (the events are written by now).
    queries.push({
      text: `INSERT INTO report_counts (flow_id, version, day, kind, node, port, count)
             SELECT u.flow_id, u.version, u.day, 'unique_' || u.type, u.node, '', count(*)
             FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[]) AS u(flow_id, version, day, type, node, contact_id, entered_at, seq)
             WHERE NOT EXISTS (SELECT 1 FROM events AS e WHERE e.contact_id = u.contact_id AND e.type = u.type AND e.at >= u.entered_at AND e.seq < u.seq
                               AND e.data::jsonb ->> 'flow' = u.flow_id AND e.data::jsonb ->> 'email' = u.node)
             GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ${UPSERT}`,
      // After the events are written (an earlier one of this batch counts too).
      alone: 'after',
      values: [
        engaged.map((x) => keyOf(x.enrolmentId).flowId),
        engaged.map((x) => keyOf(x.enrolmentId).version),
        engaged.map((x) => keyOf(x.enrolmentId).day),
        engaged.map((x) => x.type),
        engaged.map((x) => x.node),
        engaged.map((x) => x.contactId),
        engaged.map((x) => keyOf(x.enrolmentId).enteredAt),
        engaged.map((x) => x.seq),
      ],
    });
  }
  return queries;
}
