import type {
  ContactRecord, EmailRecord, EnrolmentRecord, EventRecord, HandoffRecord, StepRecord, TimerRecord,
} from './records.ts';

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

  /** Records an event and gives it the next sequence number. */
  addEvent(event: Omit<EventRecord, 'seq'>): EventRecord;
  /** A contact's events in the order they were recorded. */
  eventsOf(contactId: string): readonly EventRecord[];

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
