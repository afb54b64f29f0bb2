import type { EmailRecord, EnrolmentRecord, EventRecord, HandoffRecord, StepRecord, StoredContact, TimerRecord } from './records.ts';

/** Events of one type and contact with identical data (see `Store.eventGroups`; read-only once handed out). */
export interface EventGroup {
  data: EventRecord['data'];
  count: number;
  lastAt: number;
}

/**
 * Where the engine keeps contacts, events, enrolments and their effects. The engine processes one
 * input for one contact inside `transaction`, and every write of that input commits together.
 * `storeContract` (`@hourglass/engine/testing`) is the test suite every store passes.
 *
 * What a store may rely on, and what it may cache (the engine keeps to this; tests hold it):
 * - **Records are values handed across.** A store may hand back the very object it was given
 *   (the in-memory store does) or a fresh one (SQLite). So nobody changes a record once given to
 *   or read from a store, except as below: the engine copies a contact (`StoredContact` is
 *   read-only) before it changes it and puts the copy; events, timers, emails and handoffs are
 *   never changed (`readonly` in records.ts).
 * - **Enrolments are read, changed and put back in one transaction.** The engine changes an
 *   enrolment record it read (its status, end, position, snapshot and timers) and then passes
 *   that same object to `putEnrolment` before the transaction ends. A store may remember which
 *   record objects already have a row (SQLite keeps a `WeakSet`, so saving one is an UPDATE), as
 *   long as it forgets them when a transaction rolls back.
 * - **Timer lists are compared by identity.** The engine never changes an enrolment's `timers`
 *   array in place: when a timer is set or cancelled it assigns a new array. A store may keep the
 *   list it last read or wrote for an enrolment and, meeting the same array again, skip working
 *   out the timers' order (SQLite does). A timer put again unchanged (same id and instant) keeps
 *   its place among timers due at the same instant; a new one comes after those already set.
 * - **Fields may be read lazily.** A record's field may be a getter that reads or parses on first
 *   use (SQLite's enrolment `snapshot` and `timers`, an event's `data` read through an index),
 *   with a setter where the engine assigns it. The engine reads such fields only when it needs
 *   them, so a store must not expect any field to have been read, nor a record to be spread.
 * - **The snapshot carries a live field.** The engine puts a snapshot object that holds, in a
 *   private field, the live state it was made from; only `status`, `value` and `context` are data
 *   (JSON leaves the rest out). A store that hands back that object lets the engine skip
 *   restoring; a store that serialises it must keep exactly those three fields.
 * - **Caches live for one outermost transaction at most.** A store may cache what it read in a
 *   transaction (SQLite keeps a contact's short history and what it read of a long one), but
 *   must keep the cache up to date with its own writes and drop it when the transaction ends or
 *   rolls back, so nothing read survives a rollback or another writer's commit.
 * - **Transactions roll back.** When `fn` throws, none of its writes remain (`rollsBack` in the
 *   contract). The in-memory store does not roll back: the simulator and the forecast throw the
 *   whole store away when an input fails.
 *
 * The interface is synchronous because the engine's work on one input is pure computation over
 * one contact's records (better-sqlite3 and the in-memory store answer at once). The PostgreSQL
 * workers (apps/server/src/pg) read the records of the contacts they lock beforehand, run the
 * same synchronous engine over a unit of work holding them, and commit its writes; a query for
 * something not read throws, and the worker reads it and runs the inputs again. Nothing in the
 * engine assumes a single process except `takeRoundRobin`, whose row the worker locks until commit.
 */
export interface Store {
  transaction<T>(fn: () => T): T;

  getContact(id: string): StoredContact | undefined;
  putContact(contact: StoredContact): void;

  /**
   * Records an event and gives it the next sequence number (greater than every number given
   * before, never reused), and counts it in the contact's event groups.
   */
  addEvent(event: Omit<EventRecord, 'seq'>): EventRecord;
  /**
   * Every event of a contact in the order they were recorded. Its cost grows with the history:
   * only for showing or exporting a history, never on the path of an input.
   */
  eventsOf(contactId: string): readonly EventRecord[];

  // What the engine asks of a contact's history while it processes an input. Each answer must
  // cost about the same for a contact with a hundred thousand events as for a new one, beyond
  // the events it returns; the engine reads lazily returned events only as far as it needs.

  /** The sequence number of the contact's last event, 0 when it has none. */
  lastEventSeq(contactId: string): number;
  /** The contact's last `limit` events (by sequence number), the last first. */
  recentEvents(contactId: string, limit: number): readonly EventRecord[];
  /**
   * The contact's events of `type` with `from ≤ at ≤ until` (either bound may be infinite), each
   * once, best the latest instant first; the engine may stop reading before the end.
   */
  eventsBetween(contactId: string, type: string, from: number, until: number): Iterable<EventRecord>;
  /** The contact's events of `type` with a sequence number above `afterSeq`, each once, in any order. */
  eventsAfter(contactId: string, type: string, afterSeq: number): Iterable<EventRecord>;
  /**
   * Every event of the contact of `type`, whatever its instant, grouped by identical data: each
   * group's data, how many events it has and the latest instant among them. Kept up to date by
   * `addEvent` (counters), so that a rule without a window reads groups, not events.
   */
  eventGroups(contactId: string, type: string): readonly Readonly<EventGroup>[];

  getEnrolment(id: string): EnrolmentRecord | undefined;
  /** A contact's enrolments in one flow (every version), oldest first. */
  enrolmentsOf(flowId: string, contactId: string): readonly EnrolmentRecord[];
  /** A contact's active enrolments in every flow, oldest first. */
  activeEnrolmentsOf(contactId: string): readonly EnrolmentRecord[];
  /**
   * Inserts or updates an enrolment with its snapshot and timers. Its `version` changes when a
   * migration moves it to another version of its flow (docs/semantics.md): the update saves it.
   */
  putEnrolment(enrolment: EnrolmentRecord): void;
  /**
   * The active enrolments of one version of a flow whose id comes after `afterId` (every one when
   * null), by id, at most `limit`: a migration reads them slice by slice, each slice starting
   * after the last id of the one before, so a migration resumed after a crash neither skips nor
   * repeats one. Added for migrations; cheap per slice whatever the size of the flow.
   */
  activeEnrolmentsIn(flowId: string, version: number, afterId: string | null, limit: number): readonly EnrolmentRecord[];

  /**
   * Holds back the timers of a flow's enrolments from `since` on (a paused flow), or lets them go
   * (null): while held, `dueTimers` and `nextTimerAt` leave them out, those of enrolments put
   * meanwhile included; let go, they are due again in their order, ties keeping their places. The
   * store keeps which flows are held (a paused flow stays paused across a restart). Added for
   * pausing a flow.
   */
  holdTimers(flowId: string, since: number | null): void;
  /** The flows whose timers are held, with the instant each was held from. */
  heldFlows(): ReadonlyMap<string, number>;

  /** Timers due at or before `until`, earliest first (ties in the order they were set), at most `limit`. */
  dueTimers(until: number, limit: number): readonly TimerRecord[];
  /** The earliest pending timer's instant. */
  nextTimerAt(): number | undefined;

  /** Keeps a step with every field, `migratedFrom` included. */
  addStep(step: StepRecord): void;
  /** Sets the port the contact left by on the latest step of `node` in the enrolment. */
  setStepPort(enrolmentId: string, node: string, port: string): void;
  /** An enrolment's steps in the order they were added. */
  stepsOf(enrolmentId: string): readonly StepRecord[];
  /**
   * The instant of the enrolment's latest step on `node`, if any: what `stepsOf` says, without
   * reading every step. Optional (the engine reads `stepsOf` without it); added for migrations.
   */
  lastStepAt?(enrolmentId: string, node: string): number | undefined;

  addEmail(email: EmailRecord): void;
  /** A contact's emails in the order they were added. */
  emailsOf(contactId: string): readonly EmailRecord[];
  addHandoff(handoff: HandoffRecord): void;
  /** A contact's handoffs in the order they were added. */
  handoffsOf(contactId: string): readonly HandoffRecord[];

  /** The round-robin counter of a handoff node before this call; each call moves it on by one. */
  takeRoundRobin(flowId: string, version: number, node: string): number;
}
