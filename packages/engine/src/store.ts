import type {
  ContactRecord, EmailRecord, EnrolmentRecord, EventRecord, HandoffRecord, StepRecord, TimerRecord,
} from './records.ts';

/** Events of one type and contact with identical data (see `Store.eventGroups`). */
export interface EventGroup {
  data: EventRecord['data'];
  count: number;
  lastAt: number;
}

/**
 * Where the engine keeps contacts, events, enrolments and their effects. The engine processes one
 * input for one contact inside `transaction`, and every write of that input commits together.
 *
 * The interface is synchronous because the engine's work on one input is pure computation over
 * one contact's records (better-sqlite3 and the in-memory store answer at once). A store for
 * several runtime workers (Postgres) would load the contact's records with a row lock, run the
 * same synchronous engine over them and commit; nothing in the engine assumes a single process
 * except `takeRoundRobin`, which such a store implements with `UPDATE … RETURNING`.
 */
export interface Store {
  transaction<T>(fn: () => T): T;

  getContact(id: string): ContactRecord | undefined;
  putContact(contact: ContactRecord): void;

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
  recentEvents(contactId: string, limit: number): EventRecord[];
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
  eventGroups(contactId: string, type: string): readonly EventGroup[];

  getEnrolment(id: string): EnrolmentRecord | undefined;
  /** A contact's enrolments in one flow (every version), oldest first. */
  enrolmentsOf(flowId: string, contactId: string): EnrolmentRecord[];
  /** A contact's active enrolments in every flow, oldest first. */
  activeEnrolmentsOf(contactId: string): EnrolmentRecord[];
  /** Inserts or updates an enrolment with its snapshot and timers. */
  putEnrolment(enrolment: EnrolmentRecord): void;

  /** Timers due at or before `until`, earliest first (ties in the order they were set). */
  dueTimers(until: number, limit: number): TimerRecord[];
  /** The earliest pending timer's instant. */
  nextTimerAt(): number | undefined;

  addStep(step: StepRecord): void;
  /** Sets the port the contact left by on the latest step of `node` in the enrolment. */
  setStepPort(enrolmentId: string, node: string, port: string): void;
  stepsOf(enrolmentId: string): StepRecord[];

  addEmail(email: EmailRecord): void;
  emailsOf(contactId: string): EmailRecord[];
  addHandoff(handoff: HandoffRecord): void;
  handoffsOf(contactId: string): HandoffRecord[];

  /** The round-robin counter of a handoff node before this call; each call moves it on by one. */
  takeRoundRobin(flowId: string, version: number, node: string): number;
}
