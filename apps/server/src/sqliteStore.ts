import type { Database, Statement } from 'better-sqlite3';
import type {
  ContactRecord, EmailRecord, EnrolmentRecord, EventRecord, HandoffRecord, PersistedSnapshot, StepRecord, Store, TimerRecord,
} from '@hourglass/engine';
import type { EnrolmentStatus, Stage, SuppressionReason } from '@hourglass/documents';

interface ContactRow { id: string; email: string | null; stage: string; owner: string | null; properties: string; adjustments: number }
interface EventRow { seq: number; contact_id: string; at: number; type: string; data: string }
interface EnrolmentRow {
  id: string; flow_id: string; version: number; contact_id: string; status: string;
  entered_at: number; ended_at: number | null; position: string | null; snapshot: string;
}
interface TimerRow { n: number; enrolment_id: string; timer_id: string; event: string; wake_at: number }
interface StepRow { enrolment_id: string; at: number; node: string; type: string; port: string | null }
interface EmailRow {
  id: string; kind: string; enrolment_id: string; flow_id: string; contact_id: string; node: string; at: number;
  to_address: string | null; from_address: string | null; subject: string; body: string; suppressed: string | null;
}
interface HandoffRow { record: string }

const toContact = (r: ContactRow): ContactRecord => ({
  id: r.id,
  ...(r.email !== null ? { email: r.email } : {}),
  stage: r.stage as Stage,
  owner: r.owner,
  properties: JSON.parse(r.properties),
  adjustments: r.adjustments,
});
const toEvent = (r: EventRow): EventRecord => ({ seq: r.seq, contactId: r.contact_id, at: r.at, type: r.type, data: JSON.parse(r.data) });
const toTimer = (r: TimerRow): TimerRecord => ({ id: r.timer_id, enrolmentId: r.enrolment_id, event: r.event, wakeAt: r.wake_at });
const toStep = (r: StepRow): StepRecord => ({ enrolmentId: r.enrolment_id, at: r.at, node: r.node, type: r.type, ...(r.port !== null ? { port: r.port } : {}) });
const toEmail = (r: EmailRow): EmailRecord => ({
  id: r.id, kind: r.kind as EmailRecord['kind'], enrolmentId: r.enrolment_id, flowId: r.flow_id, contactId: r.contact_id,
  node: r.node, at: r.at, to: r.to_address, ...(r.from_address !== null ? { from: r.from_address } : {}),
  subject: r.subject, body: r.body, ...(r.suppressed !== null ? { suppressed: r.suppressed as SuppressionReason } : {}),
});

/**
 * The engine's store in SQLite (better-sqlite3): every method is one or a few prepared
 * statements, and `transaction` is better-sqlite3's, so the writes of one input commit together
 * (nested calls become savepoints). Everything is synchronous, as the engine requires: nothing
 * may `await` inside a transaction.
 *
 * Within one outermost transaction a contact's events are read once and then kept up to date
 * in memory, because the engine asks for them at every condition; the cache is dropped at the
 * end of the transaction, and on any error, so it can never outlive a rollback.
 */
export class SqliteStore implements Store {
  private readonly eventCache = new Map<string, EventRecord[]>();
  /**
   * Per enrolment, the timer list this store last read or wrote in the current transaction and
   * its rows. The engine replaces an enrolment's list whenever a timer changes, so meeting the
   * same list again means its rows are already right; otherwise the rows to update are known
   * without a query. Dropped with the event cache at the end of the transaction.
   */
  private readonly knownTimers = new Map<string, { timers: readonly TimerRecord[]; rows: TimerRow[] }>();
  private readonly q: Record<string, Statement>;
  /** Enrolment records known to have their row (read from it or written): saving one is an UPDATE. */
  private stored = new WeakSet<EnrolmentRecord>();
  /** `dueTimers` by limit: SQLite runs a literal LIMIT several times faster than a bound one. */
  private readonly dueTimersBy = new Map<number, Statement>();

  constructor(readonly db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      getContact: p('SELECT id, email, stage, owner, properties, adjustments FROM contacts WHERE id = ?'),
      putContact: p(`INSERT INTO contacts (id, email, stage, owner, properties, adjustments, updated_at)
                     VALUES (@id, @email, @stage, @owner, @properties, @adjustments, @updatedAt)
                     ON CONFLICT (id) DO UPDATE SET email = excluded.email, stage = excluded.stage, owner = excluded.owner,
                       properties = excluded.properties, adjustments = excluded.adjustments, updated_at = excluded.updated_at`),
      addEvent: p('INSERT INTO events (contact_id, at, type, data) VALUES (?, ?, ?, ?)'),
      eventsOf: p('SELECT seq, contact_id, at, type, data FROM events WHERE contact_id = ? ORDER BY seq'),
      getEnrolment: p('SELECT * FROM enrolments WHERE id = ?'),
      enrolmentsOf: p('SELECT * FROM enrolments WHERE flow_id = ? AND contact_id = ? ORDER BY n'),
      activeEnrolmentsOf: p("SELECT * FROM enrolments WHERE contact_id = ? AND status = 'active' ORDER BY n"),
      putEnrolment: p(`INSERT INTO enrolments (id, flow_id, version, contact_id, status, entered_at, ended_at, position, snapshot)
                       VALUES (@id, @flowId, @version, @contactId, @status, @enteredAt, @endedAt, @position, @snapshot)
                       ON CONFLICT (id) DO UPDATE SET status = excluded.status, ended_at = excluded.ended_at,
                         position = excluded.position, snapshot = excluded.snapshot`),
      updateEnrolment: p('UPDATE enrolments SET status = @status, ended_at = @endedAt, position = @position, snapshot = @snapshot WHERE id = @id'),
      timersOf: p('SELECT n, enrolment_id, timer_id, event, wake_at FROM timers WHERE enrolment_id = ? ORDER BY n'),
      deleteTimer: p('DELETE FROM timers WHERE n = ?'),
      addTimer: p('INSERT INTO timers (enrolment_id, timer_id, event, wake_at) VALUES (?, ?, ?, ?)'),
      nextTimerAt: p('SELECT min(wake_at) AS at FROM timers'),
      dropTimer: p('DELETE FROM timers WHERE enrolment_id = ? AND timer_id = ?'),
      addStep: p('INSERT INTO steps (enrolment_id, at, node, type, port) VALUES (?, ?, ?, ?, ?)'),
      setStepPort: p(`UPDATE steps SET port = ? WHERE n = (SELECT max(n) FROM steps WHERE enrolment_id = ? AND node = ?)`),
      stepsOf: p('SELECT enrolment_id, at, node, type, port FROM steps WHERE enrolment_id = ? ORDER BY n'),
      addEmail: p(`INSERT INTO emails (id, kind, enrolment_id, flow_id, contact_id, node, at, to_address, from_address, subject, body, suppressed, status)
                   VALUES (@id, @kind, @enrolmentId, @flowId, @contactId, @node, @at, @to, @from, @subject, @body, @suppressed, @status)`),
      emailsOf: p('SELECT * FROM emails WHERE contact_id = ? ORDER BY n'),
      addHandoff: p(`INSERT INTO handoffs (id, enrolment_id, flow_id, contact_id, node, at, owner, record)
                     VALUES (@id, @enrolmentId, @flowId, @contactId, @node, @at, @owner, @record)`),
      handoffsOf: p('SELECT record FROM handoffs WHERE contact_id = ? ORDER BY n'),
      takeRoundRobin: p(`INSERT INTO round_robin (flow_id, version, node, next) VALUES (?, ?, ?, 1)
                         ON CONFLICT (flow_id, version, node) DO UPDATE SET next = next + 1
                         RETURNING next - 1 AS taken`),
    };
  }

  /** Above zero while a `group` runs: nested transactions then open no savepoint. */
  private grouping = 0;

  /** Runs `fn` in one SQLite transaction (a savepoint when nested); rolls back if it throws. */
  transaction<T>(fn: () => T): T {
    const outermost = !this.db.inTransaction;
    if (!outermost && this.grouping > 0) return fn();
    try {
      return this.db.transaction(fn)();
    } catch (e) {
      this.forget();
      throw e;
    } finally {
      if (outermost) this.forget();
    }
  }

  /**
   * Runs `fn` in one SQLite transaction in which nested `transaction` calls open no savepoint, so
   * any error rolls back all of it. A savepoint makes SQLite copy every page first changed under
   * it, which costs more than the change itself; a group of inputs (see `Runtime`) runs this way
   * first and again with a savepoint per input only if one of them fails.
   */
  group<T>(fn: () => T): T {
    if (this.db.inTransaction) throw new Error('a group is an outermost transaction');
    this.grouping++;
    try {
      return this.transaction(fn);
    } finally {
      this.grouping--;
    }
  }

  private forget() {
    // A rollback may have undone the row of a record written in it.
    this.stored = new WeakSet();
    this.eventCache.clear();
    this.knownTimers.clear();
  }

  getContact(id: string): ContactRecord | undefined {
    const row = this.q.getContact!.get(id) as ContactRow | undefined;
    return row && toContact(row);
  }

  putContact(contact: ContactRecord): void {
    this.q.putContact!.run({
      id: contact.id, email: contact.email ?? null, stage: contact.stage, owner: contact.owner,
      properties: JSON.stringify(contact.properties), adjustments: contact.adjustments, updatedAt: Date.now(),
    });
  }

  addEvent(event: Omit<EventRecord, 'seq'>): EventRecord {
    const { lastInsertRowid } = this.q.addEvent!.run(event.contactId, event.at, event.type, JSON.stringify(event.data));
    const record: EventRecord = { ...event, seq: Number(lastInsertRowid) };
    this.eventCache.get(event.contactId)?.push(record);
    return record;
  }

  eventsOf(contactId: string): readonly EventRecord[] {
    const cached = this.eventCache.get(contactId);
    if (cached) return cached;
    const events = (this.q.eventsOf!.all(contactId) as EventRow[]).map(toEvent);
    if (this.db.inTransaction) this.eventCache.set(contactId, events);
    return events;
  }

  getEnrolment(id: string): EnrolmentRecord | undefined {
    const row = this.q.getEnrolment!.get(id) as EnrolmentRow | undefined;
    return row && this.toEnrolment(row);
  }

  enrolmentsOf(flowId: string, contactId: string): EnrolmentRecord[] {
    return (this.q.enrolmentsOf!.all(flowId, contactId) as EnrolmentRow[]).map((r) => this.toEnrolment(r));
  }

  activeEnrolmentsOf(contactId: string): EnrolmentRecord[] {
    return (this.q.activeEnrolmentsOf!.all(contactId) as EnrolmentRow[]).map((r) => this.toEnrolment(r));
  }

  /**
   * Saves an enrolment and makes its timer rows match `timers`: a timer unchanged (same id and
   * instant) keeps its row and so its place among timers due at the same instant.
   */
  putEnrolment(e: EnrolmentRecord): void {
    if (this.stored.has(e)) {
      this.q.updateEnrolment!.run({ id: e.id, status: e.status, endedAt: e.endedAt, position: e.position, snapshot: JSON.stringify(e.snapshot) });
    } else {
      this.q.putEnrolment!.run({
        id: e.id, flowId: e.flowId, version: e.version, contactId: e.contactId, status: e.status,
        enteredAt: e.enteredAt, endedAt: e.endedAt, position: e.position, snapshot: JSON.stringify(e.snapshot),
      });
      this.stored.add(e);
    }
    const known = this.knownTimers.get(e.id);
    if (known?.timers === e.timers) return; // unchanged since read or written
    const rows = known?.rows ?? (this.q.timersOf!.all(e.id) as TimerRow[]);
    const kept = new Set<number>();
    const now: TimerRow[] = [];
    for (const t of e.timers) {
      const same = rows.find((r) => r.timer_id === t.id && r.wake_at === t.wakeAt && !kept.has(r.n));
      if (same) {
        kept.add(same.n);
        now.push(same);
        continue;
      }
      const replaced = rows.find((r) => r.timer_id === t.id && !kept.has(r.n));
      if (replaced) {
        this.q.deleteTimer!.run(replaced.n);
        kept.add(replaced.n);
      }
      const { lastInsertRowid } = this.q.addTimer!.run(e.id, t.id, t.event, t.wakeAt);
      now.push({ n: Number(lastInsertRowid), enrolment_id: e.id, timer_id: t.id, event: t.event, wake_at: t.wakeAt });
    }
    for (const r of rows) if (!kept.has(r.n)) this.q.deleteTimer!.run(r.n);
    this.remember(e.id, e.timers, now);
  }

  private remember(enrolmentId: string, timers: readonly TimerRecord[], rows: TimerRow[]) {
    if (this.db.inTransaction) this.knownTimers.set(enrolmentId, { timers, rows });
  }

  dueTimers(until: number, limit: number): TimerRecord[] {
    let statement = this.dueTimersBy.get(limit);
    if (!statement) {
      const literal = Number.isSafeInteger(limit) && limit >= 0 ? limit : -1;
      statement = this.db.prepare(`SELECT n, enrolment_id, timer_id, event, wake_at FROM timers WHERE wake_at <= ? ORDER BY wake_at, n LIMIT ${literal}`);
      if (this.dueTimersBy.size < 8) this.dueTimersBy.set(limit, statement);
    }
    return (statement.all(until) as TimerRow[]).map(toTimer);
  }

  nextTimerAt(): number | undefined {
    const row = this.q.nextTimerAt!.get() as { at: number | null };
    return row.at ?? undefined;
  }

  /** Deletes one timer row outside the engine (a timer that cannot fire). */
  dropTimer(timer: TimerRecord): void {
    this.q.dropTimer!.run(timer.enrolmentId, timer.id);
    this.knownTimers.delete(timer.enrolmentId);
  }

  addStep(step: StepRecord): void {
    this.q.addStep!.run(step.enrolmentId, step.at, step.node, step.type, step.port ?? null);
  }

  setStepPort(enrolmentId: string, node: string, port: string): void {
    this.q.setStepPort!.run(port, enrolmentId, node);
  }

  stepsOf(enrolmentId: string): StepRecord[] {
    return (this.q.stepsOf!.all(enrolmentId) as StepRow[]).map(toStep);
  }

  /** Writes an outbox row: `pending` until the delivery loop sends it, or `suppressed`. */
  addEmail(email: EmailRecord): void {
    this.q.addEmail!.run({
      id: email.id, kind: email.kind, enrolmentId: email.enrolmentId, flowId: email.flowId, contactId: email.contactId,
      node: email.node, at: email.at, to: email.to, from: email.from ?? null, subject: email.subject, body: email.body,
      suppressed: email.suppressed ?? null, status: email.suppressed ? 'suppressed' : 'pending',
    });
  }

  emailsOf(contactId: string): EmailRecord[] {
    return (this.q.emailsOf!.all(contactId) as EmailRow[]).map(toEmail);
  }

  addHandoff(handoff: HandoffRecord): void {
    this.q.addHandoff!.run({
      id: handoff.id, enrolmentId: handoff.enrolmentId, flowId: handoff.flowId, contactId: handoff.contactId,
      node: handoff.node, at: handoff.at, owner: handoff.owner, record: JSON.stringify(handoff),
    });
  }

  handoffsOf(contactId: string): HandoffRecord[] {
    return (this.q.handoffsOf!.all(contactId) as HandoffRow[]).map((r) => JSON.parse(r.record) as HandoffRecord);
  }

  takeRoundRobin(flowId: string, version: number, node: string): number {
    return (this.q.takeRoundRobin!.get(flowId, version, node) as { taken: number }).taken;
  }

  /**
   * An enrolment row as a record whose snapshot and timers are read when first used: most
   * enrolments the engine reads are only looked at (is the contact in this flow?), not moved.
   */
  private toEnrolment(r: EnrolmentRow): EnrolmentRecord {
    const store = this;
    let snapshot: PersistedSnapshot | undefined;
    let timers: TimerRecord[] | undefined;
    const record: EnrolmentRecord = {
      id: r.id, flowId: r.flow_id, version: r.version, contactId: r.contact_id, status: r.status as EnrolmentStatus,
      enteredAt: r.entered_at, endedAt: r.ended_at, position: r.position,
      get snapshot() {
        return (snapshot ??= JSON.parse(r.snapshot) as PersistedSnapshot);
      },
      set snapshot(value) {
        snapshot = value;
      },
      get timers() {
        if (!timers) {
          const rows = store.q.timersOf!.all(r.id) as TimerRow[];
          timers = rows.map(toTimer);
          store.remember(r.id, timers, rows);
        }
        return timers;
      },
      set timers(value) {
        timers = value;
      },
    };
    this.stored.add(record);
    return record;
  }
}
