import type { Database, Statement } from 'better-sqlite3';
import {
  listQueries,
  type ContactRecord,
  type StoredContact,
  type EmailRecord,
  type EnrolmentRecord,
  type EventGroup,
  type EventRecord,
  type HandoffRecord,
  type PersistedSnapshot,
  type StepRecord,
  type Store,
  type TimerRecord,
} from '@hourglass/engine';
import type { EnrolmentStatus } from '@hourglass/documents';
import { scoreBand } from '@hourglass/api';
import { LongHistory, longHistoryStatements, toEvent, type EventRow } from './longHistory.ts';
import { ReportCounter, uncounted, type ReportCounts } from './reportCounter.ts';
import { WakeIndex } from './wakeIndex.ts';
import {
  type ContactRow,
  type EnrolmentRow,
  type StoredTimer,
  type KnownTimers,
  type RowState,
  type StepRow,
  type EmailRow,
  type HandoffRow,
  toContact,
  toTimer,
  wakeOf,
  toStep,
  toEmail,
} from './sqliteRows.ts';

/**
 * A contact's whole history is read at its first query in a transaction, and kept for it, up to
 * this many events; a longer one is queried for what each condition needs.
 */
const SHORT_HISTORY = 64;
/**
 * The engine's store in SQLite (better-sqlite3): every method is one or a few prepared
 * statements, and `transaction` is better-sqlite3's, so the writes of one input commit together
 * (nested calls become savepoints). Everything is synchronous, as the engine requires: nothing
 * may `await` inside a transaction.
 *
 * Within one outermost transaction a contact's short history is read once and then kept up to
 * date in memory, because the engine asks about it at every condition; a long one is queried
 * through the index by type and instant and the counters of identical events (`event_counts`,
 * kept by `addEvent`), and what was read is kept too (`LongHistory`), so an input costs the
 * same whatever the contact's history. The cache is dropped at the end of the transaction, and
 * on any error, so it can never outlive a rollback.
 */
export class SqliteStore implements Store {
  /** Per contact, its whole history when short, or what was read of it when long (see `SHORT_HISTORY`). */
  private readonly eventCache = new Map<string, EventRecord[] | LongHistory>();
  private readonly longQueries: ReturnType<typeof longHistoryStatements>;
  /**
   * Per enrolment, the timer list this store last read or wrote in the current transaction, as
   * stored. The engine replaces an enrolment's list whenever a timer changes, so meeting the
   * same list again means the row's timers are right as they are. Dropped with the event cache
   * at the end of the transaction.
   */
  private readonly knownTimers = new Map<string, KnownTimers>();
  /** The last timer seq given, and the last one committed (`counters.timer_seq`). */
  private timerSeq: number | undefined;
  private savedTimerSeq: number | undefined;
  private readonly q: Record<string, Statement>;
  /** Enrolment records known to have their row (read from it or written): saving one is an UPDATE. */
  private stored = new WeakSet<EnrolmentRecord>();
  /** What each record's row held when read or last written (a migration changes the version). */
  private rowRead = new WeakMap<EnrolmentRecord, RowState>();
  /** Due timers, the next one, and the flows whose timers are held (paused). */
  private readonly wake: WakeIndex;
  /** The flow reports' counters of what this store writes, just before each commit (none with `reportCounters: false`, the benchmark's). */
  private readonly counter: ReportCounts;

  constructor(
    readonly db: Database,
    options: { reportCounters?: boolean } = {},
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.counter = options.reportCounters === false ? uncounted : new ReportCounter(db);
    this.longQueries = longHistoryStatements(db);
    this.wake = new WakeIndex(db);
    this.q = {
      getContact: p('SELECT id, email, stage, owner, properties, adjustments FROM contacts WHERE id = ?'),
      // Hot statements bind by position: binding an object by names costs SQLite about 2 µs more.
      putContact: p(`INSERT INTO contacts (id, email, stage, owner, properties, adjustments, updated_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?)
                     ON CONFLICT (id) DO UPDATE SET email = excluded.email, stage = excluded.stage, owner = excluded.owner,
                       properties = excluded.properties, adjustments = excluded.adjustments, updated_at = excluded.updated_at`),
      addEvent: p('INSERT INTO events (contact_id, at, type, data) VALUES (?, ?, ?, ?)'),
      eventsOf: p('SELECT seq, contact_id, at, type, data FROM events WHERE contact_id = ? ORDER BY seq'),
      countEvent: p(`INSERT INTO event_counts (contact_id, type, data, count, last_at) VALUES (?, ?, ?, 1, ?)
                     ON CONFLICT (contact_id, type, data) DO UPDATE SET count = count + 1, last_at = max(last_at, excluded.last_at)`),
      latestEvents: p('SELECT seq, contact_id, at, type, data FROM events WHERE contact_id = ? ORDER BY seq DESC LIMIT ?'),
      // Reads the index only: whether the contact has more than SHORT_HISTORY events.
      isLong: p(`SELECT count(*) > ${SHORT_HISTORY} AS long FROM (SELECT 1 FROM events WHERE contact_id = ? LIMIT ${SHORT_HISTORY + 1})`),
      getEnrolment: p('SELECT * FROM enrolments WHERE id = ?'),
      enrolmentsOf: p('SELECT * FROM enrolments WHERE flow_id = ? AND contact_id = ? ORDER BY n'),
      activeEnrolmentsOf: p("SELECT * FROM enrolments WHERE contact_id = ? AND status = 'active' ORDER BY n"),
      putEnrolment: p(`INSERT INTO enrolments (status, ended_at, position, snapshot, timers, wake_at, wake_seq, id, flow_id, version, contact_id, entered_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                       ON CONFLICT (id) DO UPDATE SET status = excluded.status, ended_at = excluded.ended_at,
                         position = excluded.position, snapshot = excluded.snapshot,
                         timers = excluded.timers, wake_at = excluded.wake_at, wake_seq = excluded.wake_seq, version = excluded.version`),
      updateEnrolment: p(`UPDATE enrolments SET status = ?, ended_at = ?, position = ?, snapshot = ?, timers = ?, wake_at = ?, wake_seq = ?
                          WHERE id = ?`),
      setSnapshot: p('UPDATE enrolments SET snapshot = ? WHERE id = ?'),
      setVersion: p('UPDATE enrolments SET version = ?, snapshot = ? WHERE id = ?'),
      updateMoved: p(`UPDATE enrolments SET version = ?, status = ?, ended_at = ?, position = ?, snapshot = ?, timers = ?, wake_at = ?, wake_seq = ?
                      WHERE id = ?`),
      activeEnrolmentsIn: p(`SELECT * FROM enrolments WHERE flow_id = ? AND version = ? AND id > ? AND status = 'active' ORDER BY id LIMIT ?`),
      timersOf: p('SELECT timers FROM enrolments WHERE id = ?'),
      setTimers: p('UPDATE enrolments SET timers = ?, wake_at = ?, wake_seq = ? WHERE id = ?'),
      timerSeq: p("SELECT value FROM counters WHERE name = 'timer_seq'"),
      saveTimerSeq: p("UPDATE counters SET value = ? WHERE name = 'timer_seq'"),
      addStep: p('INSERT INTO steps (enrolment_id, at, node, type, port) VALUES (?, ?, ?, ?, ?)'),
      addMovedStep: p('INSERT INTO steps (enrolment_id, at, node, type, port, migrated_from) VALUES (?, ?, ?, ?, ?, ?)'),
      setStepPort: p(`UPDATE steps SET port = ? WHERE n = (SELECT max(n) FROM steps WHERE enrolment_id = ? AND node = ?)`),
      stepsOf: p('SELECT enrolment_id, at, node, type, port, migrated_from FROM steps WHERE enrolment_id = ? ORDER BY n'),
      lastStepAt: p('SELECT at FROM steps WHERE enrolment_id = ? AND node = ? ORDER BY n DESC LIMIT 1'),
      addEmail:
        p(`INSERT INTO emails (id, kind, enrolment_id, flow_id, contact_id, node, at, to_address, from_address, subject, body, suppressed, status, error)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      emailsOf: p('SELECT * FROM emails WHERE contact_id = ? ORDER BY n'),
      addHandoff: p(`INSERT INTO handoffs (id, enrolment_id, flow_id, contact_id, node, at, owner, record)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
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
    const mark = this.counter.mark();
    try {
      return this.db.transaction(
        outermost
          ? () => {
              const result = fn();
              this.saveTimerSeq();
              this.counter.flush();
              return result;
            }
          : fn,
      )();
    } catch (e) {
      this.forget();
      this.counter.rollBack(mark);
      this.wake.reload();
      // The seqs given in a rolled-back savepoint stay given: later ones must still come after.
      if (outermost) this.timerSeq = this.savedTimerSeq;
      throw e;
    } finally {
      if (outermost) {
        this.forget();
        this.counter.forget();
      }
    }
  }

  /** Writes the last timer seq given, if it moved. */
  private saveTimerSeq() {
    if (this.timerSeq !== this.savedTimerSeq) {
      this.q.saveTimerSeq!.run(this.timerSeq);
      this.savedTimerSeq = this.timerSeq;
    }
  }

  private nextTimerSeq(): number {
    this.timerSeq ??= this.savedTimerSeq = (this.q.timerSeq!.get() as { value: number }).value;
    return ++this.timerSeq;
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
    this.rowRead = new WeakMap();
    this.eventCache.clear();
    this.knownTimers.clear();
  }

  getContact(id: string): ContactRecord | undefined {
    const row = this.q.getContact!.get(id) as ContactRow | undefined;
    return row && toContact(row);
  }

  putContact(contact: StoredContact): void {
    this.q.putContact!.run(
      contact.id,
      contact.email ?? null,
      contact.stage,
      contact.owner,
      JSON.stringify(contact.properties),
      contact.adjustments,
      Date.now(),
    );
  }

  addEvent(event: Omit<EventRecord, 'seq'>): EventRecord {
    const data = JSON.stringify(event.data);
    const { lastInsertRowid } = this.q.addEvent!.run(event.contactId, event.at, event.type, data);
    this.q.countEvent!.run(event.contactId, event.type, data, event.at);
    const record: EventRecord = { ...event, seq: Number(lastInsertRowid) };
    this.counter.event(record.seq, record.contactId, record.at, record.type, record.data);
    if (!this.db.inTransaction) this.counter.flush();
    const cached = this.eventCache.get(event.contactId);
    if (Array.isArray(cached)) cached.push(record);
    else cached?.added(record, data);
    return record;
  }

  eventsOf(contactId: string): readonly EventRecord[] {
    const cached = this.eventCache.get(contactId);
    return Array.isArray(cached) ? cached : (this.q.eventsOf!.all(contactId) as EventRow[]).map(toEvent);
  }

  /** The contact's whole history if it is short, else its long history's queries; kept for the transaction. */
  private history(contactId: string): EventRecord[] | LongHistory {
    const cached = this.eventCache.get(contactId);
    if (cached) return cached;
    const long = (this.q.isLong!.get(contactId) as { long: number }).long === 1;
    const history = long ? new LongHistory(this.longQueries, contactId) : (this.q.eventsOf!.all(contactId) as EventRow[]).map(toEvent);
    if (this.db.inTransaction) this.eventCache.set(contactId, history);
    return history;
  }

  lastEventSeq(contactId: string): number {
    const h = this.history(contactId);
    return Array.isArray(h) ? listQueries.lastEventSeq(h) : h.lastEventSeq();
  }

  recentEvents(contactId: string, limit: number): EventRecord[] {
    const h = this.history(contactId);
    return Array.isArray(h) ? listQueries.recentEvents(h, limit) : h.recentEvents(limit);
  }

  eventsBetween(contactId: string, type: string, from: number, until: number): Iterable<EventRecord> {
    const h = this.history(contactId);
    return Array.isArray(h) ? listQueries.eventsBetween(h, type, from, until) : h.eventsBetween(type, from, until);
  }

  eventsAfter(contactId: string, type: string, afterSeq: number): Iterable<EventRecord> {
    const h = this.history(contactId);
    return Array.isArray(h) ? listQueries.eventsAfter(h, type, afterSeq) : h.eventsAfter(type, afterSeq);
  }

  eventGroups(contactId: string, type: string): readonly EventGroup[] {
    const h = this.history(contactId);
    return Array.isArray(h) ? listQueries.eventGroups(h, type) : h.eventGroups(type);
  }

  getEnrolment(id: string): EnrolmentRecord | undefined {
    const row = this.q.getEnrolment!.get(id) as EnrolmentRow | undefined;
    return row && this.toEnrolment(row);
  }

  enrolmentsOf(flowId: string, contactId: string): EnrolmentRecord[] {
    return (this.q.enrolmentsOf!.all(flowId, contactId) as EnrolmentRow[]).map((r) => this.toEnrolment(r));
  }

  activeEnrolmentsIn(flowId: string, version: number, afterId: string | null, limit: number): EnrolmentRecord[] {
    return (this.q.activeEnrolmentsIn!.all(flowId, version, afterId ?? '', Number.isFinite(limit) ? limit : -1) as EnrolmentRow[]).map((r) =>
      this.toEnrolment(r),
    );
  }

  activeEnrolmentsOf(contactId: string): EnrolmentRecord[] {
    return (this.q.activeEnrolmentsOf!.all(contactId) as EnrolmentRow[]).map((r) => this.toEnrolment(r));
  }

  /**
   * Saves an enrolment with its timers, in one row. A timer unchanged (same id and instant)
   * keeps its seq and so its place among timers due at the same instant; a new one comes last.
   */
  putEnrolment(e: EnrolmentRecord): void {
    const { timers, kept } = this.timersToStore(e);
    const snapshot = JSON.stringify(e.snapshot);
    this.counter.put(e);
    const row = this.stored.has(e) ? this.rowRead.get(e) : undefined;
    if (row && kept && row.status === e.status && row.endedAt === e.endedAt && row.position === e.position) {
      // Only the snapshot (and a migration's version) changed: no indexed column is written.
      if (e.version === row.version) this.q.setSnapshot!.run(snapshot, e.id);
      else this.q.setVersion!.run(e.version, snapshot, e.id);
    } else {
      const changing = [e.status, e.endedAt, e.position, snapshot, timers.json, ...this.wake.columns(e.flowId, timers.stored), e.id];
      if (!row) {
        this.q.putEnrolment!.run(...changing, e.flowId, e.version, e.contactId, e.enteredAt);
        this.stored.add(e);
      } else if (e.version === row.version) this.q.updateEnrolment!.run(...changing);
      // A migration changes the version, rarely: the hot UPDATE leaves it out.
      else this.q.updateMoved!.run(e.version, ...changing);
    }
    this.rowRead.set(e, { version: e.version, status: e.status, endedAt: e.endedAt, position: e.position });
    this.remember(e.id, timers);
    if (!this.db.inTransaction) {
      this.saveTimerSeq();
      this.counter.flush();
    }
  }

  /** An enrolment's timers as its row is to keep them, and whether the row holds them already. */
  private timersToStore(e: EnrolmentRecord): { timers: KnownTimers; kept: boolean } {
    const timers = e.timers; // a stored record reads its timers when first asked, and remembers them
    const known = this.knownTimers.get(e.id) ?? this.readTimers(e.id);
    if (known.timers === timers) return { timers: known, kept: true }; // unchanged since read or written
    const before = known.stored;
    const kept = new Set<StoredTimer>();
    const stored = timers.map((t): StoredTimer => {
      const same = before.find((b) => b.id === t.id && b.wakeAt === t.wakeAt && !kept.has(b));
      if (same) {
        kept.add(same);
        return same;
      }
      return { id: t.id, event: t.event, wakeAt: t.wakeAt, seq: this.nextTimerSeq() };
    });
    const json = JSON.stringify(stored);
    return { timers: { timers, stored, json }, kept: json === known.json };
  }

  /** The timers an enrolment's row holds now (none when there is no row). */
  private readTimers(enrolmentId: string): KnownTimers {
    const row = this.q.timersOf!.get(enrolmentId) as { timers: string } | undefined;
    return this.parseTimers(enrolmentId, row?.timers ?? '[]');
  }

  private parseTimers(enrolmentId: string, json: string): KnownTimers {
    const stored = JSON.parse(json) as StoredTimer[];
    return { timers: stored.map((t) => toTimer(enrolmentId, t)), stored, json };
  }

  private remember(enrolmentId: string, timers: KnownTimers) {
    if (this.db.inTransaction) this.knownTimers.set(enrolmentId, timers);
  }

  dueTimers(until: number, limit: number): TimerRecord[] {
    return this.wake.due(until, limit);
  }

  nextTimerAt(): number | undefined {
    return this.wake.next();
  }

  holdTimers(flowId: string, since: number | null): void {
    this.wake.hold(flowId, since);
  }

  heldFlows(): ReadonlyMap<string, number> {
    return this.wake.heldFlows();
  }

  /** Removes one timer outside the engine (a timer that cannot fire). */
  dropTimer(timer: TimerRecord): void {
    const { stored } = this.readTimers(timer.enrolmentId);
    const left = stored.filter((t) => t.id !== timer.id);
    this.q.setTimers!.run(JSON.stringify(left), ...wakeOf(left), timer.enrolmentId);
    this.knownTimers.delete(timer.enrolmentId);
  }

  addStep(step: StepRecord): void {
    if (step.migratedFrom) this.q.addMovedStep!.run(step.enrolmentId, step.at, step.node, step.type, step.port ?? null, JSON.stringify(step.migratedFrom));
    else this.q.addStep!.run(step.enrolmentId, step.at, step.node, step.type, step.port ?? null);
    this.counter.step(step.enrolmentId, step.node, step.type, step.port ?? null);
    if (!this.db.inTransaction) this.counter.flush();
  }

  setStepPort(enrolmentId: string, node: string, port: string): void {
    this.q.setStepPort!.run(port, enrolmentId, node);
    // Only a waiting node's step gets its port later; a split's is known when it is written.
    this.counter.left(enrolmentId, node, null, port);
    if (!this.db.inTransaction) this.counter.flush();
  }

  stepsOf(enrolmentId: string): StepRecord[] {
    return (this.q.stepsOf!.all(enrolmentId) as StepRow[]).map(toStep);
  }

  lastStepAt(enrolmentId: string, node: string): number | undefined {
    return (this.q.lastStepAt!.get(enrolmentId, node) as { at: number } | undefined)?.at;
  }

  /** Writes an outbox row: `pending` until the delivery loop sends it, `suppressed`, or `failed` when its template could not be rendered. */
  addEmail(email: EmailRecord): void {
    this.q.addEmail!.run(
      email.id,
      email.kind,
      email.enrolmentId,
      email.flowId,
      email.contactId,
      email.node,
      email.at,
      email.to,
      email.from ?? null,
      email.subject,
      email.body,
      email.suppressed ?? null,
      // An email whose template could not be rendered shows as failed, with the reason.
      email.suppressed === 'render-failed' ? 'failed' : email.suppressed ? 'suppressed' : 'pending',
      email.error ?? null,
    );
    if (email.kind === 'marketing' && email.suppressed) {
      this.counter.email(
        email.enrolmentId,
        email.node,
        email.suppressed === 'render-failed' ? 'failed' : 'suppressed',
        email.suppressed === 'render-failed' ? null : email.suppressed,
      );
      if (!this.db.inTransaction) this.counter.flush();
    }
  }

  emailsOf(contactId: string): EmailRecord[] {
    return (this.q.emailsOf!.all(contactId) as EmailRow[]).map(toEmail);
  }

  addHandoff(handoff: HandoffRecord): void {
    const { id, enrolmentId, flowId, contactId, node, at, owner } = handoff;
    this.q.addHandoff!.run(id, enrolmentId, flowId, contactId, node, at, owner, JSON.stringify(handoff));
    this.counter.handoff(handoff.enrolmentId, handoff.node, handoff.route ?? 'unknown', scoreBand(handoff.score.score));
    if (!this.db.inTransaction) this.counter.flush();
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
      id: r.id,
      flowId: r.flow_id,
      version: r.version,
      contactId: r.contact_id,
      status: r.status as EnrolmentStatus,
      enteredAt: r.entered_at,
      endedAt: r.ended_at,
      position: r.position,
      get snapshot() {
        return (snapshot ??= JSON.parse(r.snapshot) as PersistedSnapshot);
      },
      set snapshot(value) {
        snapshot = value;
      },
      get timers() {
        if (!timers) {
          const known = store.parseTimers(r.id, r.timers);
          timers = known.timers as TimerRecord[];
          store.remember(r.id, known);
        }
        return timers;
      },
      set timers(value) {
        timers = value;
      },
    };
    this.stored.add(record);
    this.rowRead.set(record, { version: r.version, status: r.status as EnrolmentStatus, endedAt: r.ended_at, position: r.position });
    if (this.db.inTransaction) this.counter.read(r.id, r.flow_id, r.version, r.entered_at, r.status, r.position);
    return record;
  }
}
