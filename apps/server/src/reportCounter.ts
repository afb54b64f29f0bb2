import type { Database, Statement } from 'better-sqlite3';

/** What the report counts of an enrolment: its key, and its state as last stored. */
interface Known {
  flowId: string;
  version: number;
  day: number;
  status: string;
  position: string | null;
  /** flow, version and day joined, once per enrolment (see `flush`). */
  key?: string;
}

/** A counter's row to add to (flow, version, day, kind, node, port, count). */
type Sum = [string, number, number, string, string, string, number];
type Nested<T> = Map<string, T>;
/** The map under `key` in `map`, made when missing. */
function within<T>(map: Nested<Nested<T>>, key: string): Nested<T> {
  let found = map.get(key);
  if (!found) map.set(key, (found = new Map()));
  return found;
}

/** A change to a counter whose enrolment may not have its row yet (an email is written first). */
type Change = [enrolmentId: string, kind: string, node: string, port: string, delta: number, key?: Known];

const DAY = 86_400_000;

/** What the store tells the report's counters (see `ReportCounter`). */
export type ReportCounts = Pick<ReportCounter, 'read' | 'put' | 'step' | 'left' | 'email' | 'handoff' | 'event' | 'mark' | 'rollBack' | 'flush' | 'forget'>;

/** Counters that count nothing: the benchmark's durable path without them, to measure their cost. */
export const uncounted: ReportCounts = {
  read() {},
  put() {},
  step() {},
  left() {},
  email() {},
  handoff() {},
  event() {},
  mark: () => 0,
  rollBack() {},
  flush() {},
  forget() {},
};

/**
 * Keeps the flow reports' counters (`report_counts`, migration 12) for what the engine writes
 * through the store: enrolments entering and moving, steps, suppressed emails, engagement events. Changes are
 * collected in memory during the store's transaction and written, summed, just before it
 * commits: a group of a thousand inputs costs a few dozen upserts rather than one per step.
 * A rolled-back savepoint drops its changes (`mark` / `rollBack`). Removals, deliveries and
 * sales' verdicts, written outside the engine, are counted by triggers.
 */
export class ReportCounter {
  private changes: Change[] = [];
  /** Per enrolment read or written in this transaction, its key and state as stored. */
  private readonly known = new Map<string, Known>();
  private readonly q: Record<string, Statement>;
  /** Per `flow@version` (versions never change), whether it has a split node. */
  private readonly hasSplit = new Map<string, boolean>();

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      add: p(`INSERT INTO report_counts (flow_id, version, day, kind, node, port, count) VALUES (?, ?, ?, ?, ?, ?, ?)
              ON CONFLICT DO UPDATE SET count = count + excluded.count`),
      enrolment: p('SELECT flow_id, version, entered_at, status, position FROM enrolments WHERE id = ?'),
      splitSteps: p(`SELECT node, port FROM steps WHERE enrolment_id = ? AND type = 'split' AND port IS NOT NULL`),
      version: p('SELECT flow FROM flow_versions WHERE flow_id = ? AND version = ?'),
      latest: p('SELECT id, entered_at FROM enrolments WHERE flow_id = ? AND contact_id = ? ORDER BY n DESC LIMIT 1'),
      earlier: p(`SELECT 1 FROM events WHERE contact_id = ? AND type = ? AND at >= ? AND seq < ?
                  AND json_extract(data, '$.flow') = ? AND json_extract(data, '$.email') = ? LIMIT 1`),
    };
  }

  /** An enrolment row as read: its state before the engine changes it. */
  read(id: string, flowId: string, version: number, enteredAt: number, status: string, position: string | null) {
    if (!this.known.has(id)) this.known.set(id, { flowId, version, day: Math.floor(enteredAt / DAY), status, position });
  }

  /** An enrolment about to be written: a new one (no row yet) or a change of its state. */
  put(e: { id: string; flowId: string; version: number; enteredAt: number; status: string; position: string | null }) {
    // Unknown here: new, or a copy of a record read in an earlier transaction (its row says which).
    let before = this.known.get(e.id) ?? this.stored(e.id);
    const now: Known = { flowId: e.flowId, version: e.version, day: Math.floor(e.enteredAt / DAY), status: e.status, position: e.position };
    this.known.set(e.id, now);
    const c = this.changes;
    if (before && before.version !== now.version) {
      // A migration: the enrolment leaves the old version's counts and is counted in the new one's.
      c.push([e.id, 'enrolled', '', '', -1, before], [e.id, 'status', '', before.status, -1, before]);
      if (before.status === 'active' && before.position !== null) c.push([e.id, 'waiting', before.position, '', -1, before]);
      before = undefined;
    }
    if (!before) {
      c.push([e.id, 'enrolled', '', '', 1], [e.id, 'status', '', e.status, 1]);
    } else if (before.status !== now.status) {
      c.push([e.id, 'status', '', before.status, -1], [e.id, 'status', '', now.status, 1]);
      if (before.status === 'active' && (now.status === 'goal' || now.status === 'completed') && this.splits(e.flowId, e.version)) {
        for (const s of this.q.splitSteps!.all(e.id) as { node: string; port: string }[]) c.push([e.id, `branch_${now.status}`, s.node, s.port, 1]);
      }
    }
    const waitedOn = before?.status === 'active' ? before.position : null;
    const waitsOn = now.status === 'active' ? now.position : null;
    if (waitedOn !== waitsOn) {
      if (waitedOn !== null) c.push([e.id, 'waiting', waitedOn, '', -1]);
      if (waitsOn !== null) c.push([e.id, 'waiting', waitsOn, '', 1]);
    }
  }

  step(enrolmentId: string, node: string, type: string, port: string | null) {
    this.changes.push([enrolmentId, 'entered', node, '', 1]);
    if (port !== null) this.left(enrolmentId, node, type, port);
  }

  /** A step left by a port; a split passed by an enrolment that has already ended counts for its branch now. */
  left(enrolmentId: string, node: string, type: string | null, port: string) {
    this.changes.push([enrolmentId, 'left', node, port, 1]);
    if (type !== 'split') return;
    const status = this.known.get(enrolmentId)?.status;
    if (status === 'goal' || status === 'completed') this.changes.push([enrolmentId, `branch_${status}`, node, port, 1]);
  }

  email(enrolmentId: string, node: string, status: string, reason: string | null) {
    if (status === 'suppressed' || status === 'failed') this.changes.push([enrolmentId, status, node, reason ?? '', 1]);
  }

  /**
   * A handoff recorded: open, once by how its owner was chosen and once by its score band
   * (migration 13); sales' verdict moves both, by a trigger.
   */
  handoff(enrolmentId: string, node: string, route: string, band: number) {
    this.changes.push([enrolmentId, 'handoff_open', node, route, 1], [enrolmentId, 'band_open', node, String(band), 1]);
  }

  /**
   * An event recorded: engagement (`email_opened`, `email_clicked`, `unsubscribed`) names the
   * flow and the email node in its data and counts for the contact's latest enrolment in that
   * flow; "unique" is the first of its type for that node since that enrolment began.
   */
  event(seq: number, contactId: string, at: number, type: string, data: Readonly<Record<string, unknown>>) {
    if (type !== 'email_opened' && type !== 'email_clicked' && type !== 'unsubscribed') return;
    const { flow, email } = data;
    if (typeof flow !== 'string' || typeof email !== 'string') return;
    const e = this.q.latest!.get(flow, contactId) as { id: string; entered_at: number } | undefined;
    if (!e) return;
    this.changes.push([e.id, type, email, '', 1]);
    if (type !== 'unsubscribed' && !this.q.earlier!.get(contactId, type, e.entered_at, seq, flow, email))
      this.changes.push([e.id, `unique_${type}`, email, '', 1]);
  }

  mark(): number {
    return this.changes.length;
  }

  rollBack(mark: number) {
    this.changes.length = Math.min(mark, this.changes.length);
    this.known.clear();
  }

  /** Writes the changes, summed per counter; runs inside the transaction, just before it commits. */
  flush() {
    if (this.changes.length === 0) return;
    // Summed in maps nested by the counter's parts, not by one joined key: joining and hashing a
    // new key per change cost more than the rest of the counting.
    const sums: Nested<Nested<Nested<Nested<Sum>>>> = new Map();
    for (const [id, kind, node, port, delta, counted] of this.changes) {
      const k = counted ?? this.known.get(id) ?? this.stored(id);
      if (!k) continue; // the enrolment is gone (removed in the same transaction)
      const byPort = within(within(within(sums, (k.key ??= `${k.flowId}\0${k.version}\0${k.day}`)), kind), node);
      const sum = byPort.get(port);
      if (sum) sum[6] += delta;
      else byPort.set(port, [k.flowId, k.version, k.day, kind, node, port, delta]);
    }
    this.changes = [];
    for (const byKind of sums.values())
      for (const byNode of byKind.values()) for (const byPort of byNode.values()) for (const row of byPort.values()) if (row[6] !== 0) this.q.add!.run(...row);
  }

  private splits(flowId: string, version: number): boolean {
    const key = `${flowId}@${version}`;
    let has = this.hasSplit.get(key);
    if (has === undefined) {
      const row = this.q.version!.get(flowId, version) as { flow: string } | undefined;
      const nodes = row ? (JSON.parse(row.flow) as { nodes?: { type?: string }[] }).nodes : undefined;
      // An unknown version (not expected) is searched, to be safe.
      has = !row || (Array.isArray(nodes) && nodes.some((n) => n?.type === 'split'));
      this.hasSplit.set(key, has);
    }
    return has;
  }

  /** Forgets the enrolments read (at the end of every transaction, or a rollback). */
  forget() {
    this.known.clear();
    this.changes = [];
  }

  private stored(id: string): Known | undefined {
    const r = this.q.enrolment!.get(id) as { flow_id: string; version: number; entered_at: number; status: string; position: string | null } | undefined;
    if (!r) return undefined;
    const k: Known = { flowId: r.flow_id, version: r.version, day: Math.floor(r.entered_at / DAY), status: r.status, position: r.position };
    this.known.set(id, k);
    return k;
  }
}
