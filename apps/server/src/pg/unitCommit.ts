import type { EmailRecord, EventRecord, HandoffRecord, StepRecord, StoredContact } from '@hourglass/engine';
import { wakeOf } from '../sqliteRows.ts';
import { HOLD_LOCK, type Query, type ReadSet } from './pgReads.ts';
import { roundRobinId, type RoundRobinKey } from './missingData.ts';
import { reportCountQueries, type SplitCheck } from './pgReportCounts.ts';
import type { EnrolmentWrite, Write } from './unitOfWork.ts';

/** `INSERT … SELECT * FROM unnest(…)`: one statement for any number of rows, one array per column. */
function columns<T>(rows: readonly T[], cols: readonly [string, (row: T) => unknown][]): unknown[] {
  return cols.map(([, get]) => rows.map(get));
}
const unnest = (types: readonly string[]) => `unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;

/** Pausing and resuming a flow's timers, under the hold lock (HOLD_LOCK): a batch's commit, or PgPause beside the workers. */
export const HOLD = {
  pause: (flowId: string, since: number): Query[] => [
    { text: 'INSERT INTO paused_flows (flow_id, since) VALUES ($1, $2) ON CONFLICT (flow_id) DO UPDATE SET since = excluded.since', values: [flowId, since] },
    // A paused flow's rows keep their timers and wake_seq but no wake_at: out of every worker's sight.
    { text: 'UPDATE enrolments SET wake_at = NULL WHERE flow_id = $1 AND wake_at IS NOT NULL', values: [flowId] },
  ],
  resume: (flowId: string): Query[] => [
    { text: 'DELETE FROM paused_flows WHERE flow_id = $1', values: [flowId] },
    // wake_at again from the timer wake_seq names: each timer keeps its place among ties.
    {
      text: `UPDATE enrolments SET wake_at = (SELECT (t->>'wakeAt')::bigint FROM jsonb_array_elements(timers::jsonb) AS t WHERE (t->>'seq')::bigint = enrolments.wake_seq)
       WHERE flow_id = $1 AND wake_seq IS NOT NULL AND wake_at IS NULL`,
      values: [flowId],
    },
  ],
};

/**
 * The statements that write a unit's writes, to run in the transaction that read it: a
 * contact's last state, every event (with the counters of identical events), each enrolment's
 * last state (an INSERT for a new one), steps with the ports set on them (a port set on a step
 * of an earlier input is an UPDATE, run before the new steps), the outbox rows, handoffs and
 * the round-robin turns taken. A few statements per table, whatever the number of inputs.
 */
export function commitQueries(writes: readonly Write[], reads: ReadSet, now: number, hasSplit?: SplitCheck): Query[] {
  const contacts = new Map<string, StoredContact>();
  const events: EventRecord[] = [];
  const enrolments = new Map<string, EnrolmentWrite>();
  const steps: StepRecord[] = [];
  const latestStep = new Map<string, StepRecord>();
  const ports = new Map<string, { enrolmentId: string; node: string; port: string }>();
  const emails: EmailRecord[] = [];
  const handoffs: HandoffRecord[] = [];
  const turns = new Map<string, { key: RoundRobinKey; taken: number }>();
  const held = new Map(reads.held);
  for (const w of writes) {
    switch (w.kind) {
      case 'contact':
        contacts.set(w.contact.id, w.contact);
        break;
      case 'event':
        events.push(w.event);
        break;
      case 'enrolment':
        enrolments.set(w.enrolment.id, w.enrolment);
        break;
      case 'step': {
        const step = { ...w.step };
        steps.push(step);
        latestStep.set(`${step.enrolmentId}\u0000${step.node}`, step);
        break;
      }
      case 'port': {
        const key = `${w.enrolmentId}\u0000${w.node}`;
        const step = latestStep.get(key);
        if (step) step.port = w.port;
        else ports.set(key, { enrolmentId: w.enrolmentId, node: w.node, port: w.port });
        break;
      }
      case 'email':
        emails.push(w.email);
        break;
      case 'handoff':
        handoffs.push(w.handoff);
        break;
      case 'roundRobin': {
        const id = roundRobinId(w.key);
        turns.set(id, { key: w.key, taken: (turns.get(id)?.taken ?? 0) + 1 });
        break;
      }
      case 'hold':
        if (w.since === null) held.delete(w.flowId);
        else held.set(w.flowId, w.since);
        break;
    }
  }
  const paused = [...held].filter(([f, since]) => reads.held?.get(f) !== since);
  const resumed = [...(reads.held?.keys() ?? [])].filter((f) => !held.has(f));
  const queries: Query[] = [];
  const add = (text: string, values: unknown[]) => queries.push({ text, values });
  const after = (text: string, values: unknown[]) => queries.push({ text, values, alone: 'after' });
  // Alone under the hold lock: batches that read the paused flows before have committed, and later ones wait.
  if (paused.length || resumed.length) queries.push({ text: `SELECT pg_advisory_xact_lock(${HOLD_LOCK})`, values: [], alone: 'before' });

  if (contacts.size) {
    const rows = [...contacts.values()];
    add(
      `INSERT INTO contacts (id, email, stage, owner, properties, adjustments, updated_at)
       SELECT * FROM ${unnest(['text', 'text', 'text', 'text', 'text', 'float8', 'bigint'])}
       ON CONFLICT (id) DO UPDATE SET email = excluded.email, stage = excluded.stage, owner = excluded.owner,
         properties = excluded.properties, adjustments = excluded.adjustments, updated_at = excluded.updated_at`,
      columns(rows, [
        ['id', (c) => c.id],
        ['email', (c) => c.email ?? null],
        ['stage', (c) => c.stage],
        ['owner', (c) => c.owner],
        ['properties', (c) => JSON.stringify(c.properties)],
        ['adjustments', (c) => c.adjustments],
        ['updated_at', () => now],
      ]),
    );
  }
  if (events.length) {
    const data = events.map((e) => JSON.stringify(e.data));
    add(`INSERT INTO events (seq, contact_id, at, type, data) SELECT * FROM ${unnest(['bigint', 'text', 'bigint', 'text', 'text'])}`, [
      events.map((e) => e.seq),
      events.map((e) => e.contactId),
      events.map((e) => e.at),
      events.map((e) => e.type),
      data,
    ]);
    const counts = new Map<string, { contactId: string; type: string; data: string; count: number; lastAt: number }>();
    events.forEach((e, i) => {
      const key = `${e.contactId}\u0000${e.type}\u0000${data[i]}`;
      const c = counts.get(key);
      if (c) {
        c.count++;
        c.lastAt = Math.max(c.lastAt, e.at);
      } else counts.set(key, { contactId: e.contactId, type: e.type, data: data[i]!, count: 1, lastAt: e.at });
    });
    const rows = [...counts.values()];
    add(
      `INSERT INTO event_counts (contact_id, type, data, count, last_at) SELECT * FROM ${unnest(['text', 'text', 'text', 'int', 'bigint'])}
       ON CONFLICT (contact_id, type, data) DO UPDATE SET count = event_counts.count + excluded.count, last_at = greatest(event_counts.last_at, excluded.last_at)`,
      columns(rows, [
        ['contact_id', (c) => c.contactId],
        ['type', (c) => c.type],
        ['data', (c) => c.data],
        ['count', (c) => c.count],
        ['last_at', (c) => c.lastAt],
      ]),
    );
  }
  if (enrolments.size) {
    const existing = (id: string) => reads.enrolmentOwners.get(id) != null;
    const all = [...enrolments.values()];
    const changing: [string, (e: EnrolmentWrite) => unknown][] = [
      ['status', (e) => e.status],
      ['ended_at', (e) => e.endedAt],
      ['position', (e) => e.position],
      ['snapshot', (e) => JSON.stringify(e.snapshot)],
      ['timers', (e) => JSON.stringify(e.timers)],
      // A paused flow's rows keep their timers and wake_seq but no wake_at: out of every worker's sight.
      ['wake_at', (e) => (held.has(e.flowId) ? null : wakeOf(e.timers)[0])],
      ['wake_seq', (e) => wakeOf(e.timers)[1]],
    ];
    const changingTypes = ['text', 'bigint', 'text', 'text', 'text', 'bigint', 'bigint'];
    const updated = all.filter((e) => existing(e.id));
    if (updated.length) {
      add(
        // The version changes when a migration moves the enrolment (docs/semantics.md, "Migrations").
        `UPDATE enrolments AS e SET version = u.version, status = u.status, ended_at = u.ended_at, position = u.position, snapshot = u.snapshot,
           timers = u.timers, wake_at = u.wake_at, wake_seq = u.wake_seq
         FROM ${unnest(['text', 'int', ...changingTypes])} AS u(id, version, ${changing.map(([c]) => c).join(', ')}) WHERE e.id = u.id`,
        columns(updated, [['id', (e) => e.id], ['version', (e) => e.version], ...changing]),
      );
    }
    const created = all.filter((e) => !existing(e.id));
    if (created.length) {
      add(
        `INSERT INTO enrolments (id, flow_id, version, contact_id, entered_at, ${changing.map(([c]) => c).join(', ')})
         SELECT * FROM ${unnest(['text', 'text', 'int', 'text', 'bigint', ...changingTypes])}`,
        columns(created, [
          ['id', (e) => e.id],
          ['flow_id', (e) => e.flowId],
          ['version', (e) => e.version],
          ['contact_id', (e) => e.contactId],
          ['entered_at', (e) => e.enteredAt],
          ...changing,
        ]),
      );
    }
  }
  if (ports.size) {
    const rows = [...ports.values()];
    add(
      `UPDATE steps AS s SET port = u.port FROM ${unnest(['text', 'text', 'text'])} AS u(enrolment_id, node, port)
       WHERE s.n = (SELECT max(n) FROM steps AS x WHERE x.enrolment_id = u.enrolment_id AND x.node = u.node)`,
      columns(rows, [
        ['enrolment_id', (p) => p.enrolmentId],
        ['node', (p) => p.node],
        ['port', (p) => p.port],
      ]),
    );
  }
  if (steps.length) {
    add(
      `INSERT INTO steps (enrolment_id, at, node, type, port, migrated_from) SELECT * FROM ${unnest(['text', 'bigint', 'text', 'text', 'text', 'text'])}`,
      columns(steps, [
        ['enrolment_id', (s) => s.enrolmentId],
        ['at', (s) => s.at],
        ['node', (s) => s.node],
        ['type', (s) => s.type],
        ['port', (s) => s.port ?? null],
        ['migrated_from', (s) => (s.migratedFrom ? JSON.stringify(s.migratedFrom) : null)],
      ]),
    );
  }
  if (emails.length) {
    add(
      `INSERT INTO emails (id, kind, enrolment_id, flow_id, contact_id, node, at, to_address, from_address, subject, body, suppressed, status, error)
       SELECT * FROM ${unnest(['text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'text', 'text', 'text', 'text', 'text', 'text', 'text'])}`,
      columns(emails, [
        ['id', (m) => m.id],
        ['kind', (m) => m.kind],
        ['enrolment_id', (m) => m.enrolmentId],
        ['flow_id', (m) => m.flowId],
        ['contact_id', (m) => m.contactId],
        ['node', (m) => m.node],
        ['at', (m) => m.at],
        ['to_address', (m) => m.to],
        ['from_address', (m) => m.from ?? null],
        ['subject', (m) => m.subject],
        ['body', (m) => m.body],
        ['suppressed', (m) => m.suppressed ?? null],
        // As in SQLite: an email whose template could not be rendered shows as failed, with the reason.
        ['status', (m) => (m.suppressed === 'render-failed' ? 'failed' : m.suppressed ? 'suppressed' : 'pending')],
        ['error', (m) => m.error ?? null],
      ]),
    );
  }
  if (handoffs.length) {
    add(
      `INSERT INTO handoffs (id, enrolment_id, flow_id, contact_id, node, at, owner, record)
       SELECT * FROM ${unnest(['text', 'text', 'text', 'text', 'text', 'bigint', 'text', 'text'])}`,
      columns(handoffs, [
        ['id', (h) => h.id],
        ['enrolment_id', (h) => h.enrolmentId],
        ['flow_id', (h) => h.flowId],
        ['contact_id', (h) => h.contactId],
        ['node', (h) => h.node],
        ['at', (h) => h.at],
        ['owner', (h) => h.owner],
        ['record', (h) => JSON.stringify(h)],
      ]),
    );
  }
  if (turns.size) {
    const rows = [...turns.values()];
    add(
      `UPDATE round_robin AS r SET next = r.next + u.taken FROM ${unnest(['text', 'int', 'text', 'int'])} AS u(flow_id, version, node, taken)
       WHERE r.flow_id = u.flow_id AND r.version = u.version AND r.node = u.node`,
      columns(rows, [
        ['flow_id', (t) => t.key.flowId],
        ['version', (t) => t.key.version],
        ['node', (t) => t.key.node],
        ['taken', (t) => t.taken],
      ]),
    );
  }
  for (const [flowId, since] of paused) for (const q of HOLD.pause(flowId, since)) after(q.text, q.values!);
  for (const flowId of resumed) for (const q of HOLD.resume(flowId)) after(q.text, q.values!);
  // Last: the counters other workers' batches share are locked for the shortest time.
  queries.push(...reportCountQueries(writes, reads, hasSplit));
  return queries;
}
