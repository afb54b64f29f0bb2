import type { Database } from 'better-sqlite3';
import { driveInputs, inputLine, type ContactChanges, type ContactRecord, type EnrolOutcome } from '@hourglass/engine';
import type { ContactChangesBody, ContactExport, EventInput } from '@hourglass/api';
import { ApiError } from './apiError.ts';
import type { Clock } from './clock.ts';
import { contactExport } from './contactExport.ts';
import { planRow, sqliteLookup, type ImportLookup } from './contactImportPlan.ts';
import type { ImportKey, ImportOutcome, ImportRow } from './contactImportRows.ts';
import { FormIntake } from './formIntake.ts';
import type { HandoffEntry } from './handoffRepository.ts';
import { readInboxEntry, type InboxCommand, type MoveEntry } from './inboxEntry.ts';
import { InputQueue, type AnswerWhen } from './inputQueue.ts';
import { MigrationRunner } from './migrationRunner.ts';
import { Repositories } from './repositories.ts';
import { recordFeedback, runInboxCommand } from './runInboxCommand.ts';
import { Workspace } from './workspace.ts';

/** What one row of a contact import writes: a new contact, or changes to one. */
export type ContactWrite = { create: ContactRecord } | { update: string; changes: ContactChanges };

/** An event as a client sends it (the API's `EventInput`): the server stamps it with its own clock. */
export type IncomingEvent = EventInput;

export interface RuntimeOptions {
  db: Database;
  clock: Clock;
  /** Called after every committed input or fired timer: re-arm the scheduler, deliver the outbox. */
  onCommit?: () => void;
  /** Where problems the server survives are reported (a timer that cannot fire). */
  log?: (message: string) => void;
  /**
   * Whether the store keeps the flow reports' counters (default true). Only the benchmark turns
   * them off, to measure what they cost the durable path; no setting reaches it.
   */
  reportCounters?: boolean;
}

/** How many inbox events one transaction processes; between slices the server answers requests. */
const INBOX_SLICE = 64;
/** The outcome of accepting one request: how many events (a command counts one), and up to which place in line. */
export interface Accepted {
  accepted: number;
  duplicates: number;
  last: number;
}
/** What `accept` takes for one request: a client's events, or one command. */
export type Submission = readonly IncomingEvent[] | InboxCommand;
const isEvents = (s: Submission): s is readonly IncomingEvent[] => Array.isArray(s);
export interface ProcessOptions {
  /** Process nothing after this place in line (a job waits there, see InputQueue). */
  through?: number | undefined;
  /** Receives each command's outcome (or error) once its transaction has committed. */
  answer?: (n: number, outcome: unknown) => void;
}
/** What the input queue needs of the runtime: the inbox's two steps. */
export type InputProcessor = Pick<Runtime, 'accept' | 'processInbox' | 'inboxLast' | 'inboxWaiting'>;
/** How many due timers commit together (group commit). */
const TIMER_BATCH = 256;

/** Runs one input of a group: `fn`, or `failed` with the error when the input was rolled back alone. */
type Attempt = <T>(fn: () => T, failed: (error: Error) => T) => T;
const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/**
 * The inputs of one workspace: every operation that changes a contact, run through the
 * workspace's engine (`Workspace.engine`) over the SQLite store. Each input (an event, a contact
 * update, an enrolment, a verdict, a fired timer) is one SQLite transaction in which its state,
 * steps, timers and outbox rows commit together. Before each input, timers due by then fire
 * first, so events at an instant come after the timers of that instant, as in the simulator.
 */
export class Runtime {
  readonly clock: Clock;
  /** Every query of the database; outside the runtime and the workspace, for reading only. */
  readonly repos: Repositories;
  /** The flows, scenarios, scoring model and settings, and the engine built from them. */
  readonly workspace: Workspace;
  /** Moving a flow's contacts to another version, slice by slice in line with the inputs. */
  readonly migrations: MigrationRunner;
  private readonly queue: InputQueue;
  private readonly onCommit: () => void;
  private readonly log: (message: string) => void;

  constructor(options: RuntimeOptions) {
    this.clock = options.clock;
    this.onCommit = options.onCommit ?? (() => {});
    this.log = options.log ?? ((m) => console.error(m));
    this.repos = new Repositories(options.db, { reportCounters: options.reportCounters ?? true });
    this.workspace = new Workspace({ repos: this.repos, clock: this.clock, log: this.log });
    this.queue = new InputQueue(this, this.log);
    this.migrations = new MigrationRunner({
      repos: this.repos,
      clock: this.clock,
      engine: () => this.engine,
      inLine: (run) => this.inLine(run),
      fireDueTimers: (until) => this.fireDueTimers(until),
      committed: () => this.onCommit(),
      log: this.log,
    });
  }

  private get store() {
    return this.repos.store;
  }

  /** The forms' posts and confirmations, in line with every other input. */
  formInputs(secret: Buffer): FormIntake {
    return new FormIntake(this, secret);
  }

  private get engine() {
    return this.workspace.engine;
  }

  // ---- time -----------------------------------------------------------------------------------

  /** The earliest pending timer's instant. */
  nextTimerAt(): number | undefined {
    return this.store.nextTimerAt();
  }

  /**
   * Fires every timer due at or before `until`, earliest first, each at its own instant. Timers
   * are group-committed (see `grouped`): up to `TIMER_BATCH` fire in one transaction, so a
   * timer's state, steps, next timer and outbox rows still commit together while a backlog does
   * not pay one disk sync per timer. A timer that throws is rolled back alone, dropped and
   * logged, so it cannot block the timers behind it. At most `limit` fire per call, so a
   * backlog after downtime can be worked off in slices without blocking the server. Returns how
   * many fired.
   */
  fireDueTimers(until = this.clock.now(), limit = Infinity): number {
    // A timer never fires past an accepted event still waiting in the inbox: that event comes first.
    const waiting = this.repos.inbox.oldestAt();
    if (waiting !== undefined) until = Math.min(until, waiting);
    let fired = 0;
    for (let taken = 0; taken < limit;) {
      const batch = Math.min(TIMER_BATCH, limit - taken);
      const outcome = this.grouped((attempt) => this.fireTimersInGroup(until, batch, attempt));
      fired += outcome.ok;
      taken += outcome.tried;
      if (outcome.tried < batch) break;
    }
    if (fired) this.onCommit();
    return fired;
  }

  /** Fires up to `limit` timers due by `until` inside a group; one that throws is dropped and logged. */
  private fireTimersInGroup(until: number, limit: number, attempt: Attempt): { tried: number; ok: number } {
    let tried = 0;
    let ok = 0;
    for (; tried < limit; tried++) {
      const [timer] = this.store.dueTimers(until, 1);
      if (!timer) break;
      ok += attempt(
        () => (this.engine.fireTimer(timer), 1),
        (e) => {
          this.log(
            `A timer of enrolment ${timer.enrolmentId} (${timer.event} at ${new Date(timer.wakeAt).toISOString()}) failed and was dropped: ${e.message}`,
          );
          this.store.dropTimer(timer);
          return 0;
        },
      );
    }
    return { tried, ok };
  }

  /**
   * Group commit: runs `work`, whose inputs each go through `attempt`, in one transaction, so they
   * share one disk sync. The first run gives inputs no savepoint of their own (a savepoint makes
   * SQLite copy every page an input touches); if an input throws, that run is rolled back whole
   * and `work` runs again with a savepoint per input, so the failing input alone is rolled back
   * and handed to its `failed`. Every other input comes out the same either way.
   */
  private grouped<T>(work: (attempt: Attempt) => T): T {
    try {
      return this.store.group(() => work((fn) => fn()));
    } catch {
      return this.store.transaction(() =>
        work((fn, failed) => {
          try {
            return this.store.transaction(fn);
          } catch (e) {
            return failed(asError(e));
          }
        }),
      );
    }
  }

  // ---- inputs ---------------------------------------------------------------------------------
  // Every input that changes a contact goes through the inbox (`accept`, then `processInbox` in
  // arrival order); the async methods below queue one and answer once it is processed.

  /** Queues a request's events (see `InputQueue.submit`). */
  submit(events: readonly IncomingEvent[], when?: AnswerWhen): Promise<{ accepted: number; duplicates: number }> {
    return this.queue.submit(events, when);
  }

  /**
   * Creates or updates a contact. Creating one sets its starting state and runs no flow, like
   * a scenario's contact in the simulator; an update is an input (goals, waitFors, stage and
   * score triggers see it).
   */
  upsertContact(contactId: string, changes: ContactChangesBody): Promise<{ contact: ContactRecord; created: boolean }> {
    return this.queue.send({ kind: 'contactUpdate', contactId, changes });
  }

  /** Enrols a contact by hand through the flow's `manual` trigger (spec §4.2). */
  enrol(flowId: string, contactId: string): Promise<EnrolOutcome> {
    return this.queue.send({ kind: 'enrol', flowId, contactId });
  }

  /** Moves one contact's enrolment onto a step of `version` (its own unless given), or out of the flow (node null), in line with its inputs. */
  moveEnrolment(move: Omit<MoveEntry, 'kind'>): Promise<void> {
    return this.queue.send({ kind: 'move', ...move });
  }

  /**
   * Records the verdict of sales on a handoff and sends it into the flows as a `sales_feedback`
   * event `{verdict, handoff, note}`, in one transaction. Undefined when the handoff is unknown,
   * false when it already has a verdict.
   */
  async feedback(handoffId: string, verdict: 'accepted' | 'rejected', note: string | undefined): Promise<HandoffEntry | false | undefined> {
    const entry = this.repos.handoffs.get(handoffId);
    if (!entry) return undefined;
    return this.queue.send({ kind: 'feedback', contactId: entry.record.contactId, handoffId, verdict, ...(note !== undefined ? { note } : {}) });
  }

  /**
   * Pauses a flow at its place in line (docs/semantics.md, "Pausing a flow"): from then on it enrols
   * nobody, fires no timers and moves nobody until resumed. False when it was paused already.
   */
  pause(flowId: string): Promise<boolean> {
    return this.inLine(() => {
      if (this.engine.isPaused(flowId)) return false;
      this.store.transaction(() => this.engine.pause(flowId, this.clock.now()));
      return true;
    });
  }

  /**
   * Resumes a paused flow at its place in line: the timers due meanwhile fire in order, each at its
   * own instant, with the emails they lead to sent late or, with `skipPastEmails`, recorded as not
   * sent (`moment-passed`). Undefined when it was not paused.
   */
  resume(flowId: string, skipPastEmails: boolean): Promise<{ fired: number; skippedEmails: number } | undefined> {
    return this.inLine(() => {
      if (!this.engine.isPaused(flowId)) return undefined;
      const at = this.clock.now();
      const skipped = this.repos.outbox.suppressedCount(flowId, 'moment-passed');
      this.store.transaction(() => this.engine.resume(flowId, at, skipPastEmails));
      const fired = this.fireDueTimers(at);
      this.onCommit();
      return { fired, skippedEmails: this.repos.outbox.suppressedCount(flowId, 'moment-passed') - skipped };
    });
  }

  /** Runs `run` at its place in line, after every input accepted before it (a slice of a contact import). */
  inLine<T>(run: () => T): Promise<T> {
    return this.queue.inLine(run);
  }

  /** Works off, in the background, what a stop left in the inbox. */
  catchUp(callbacks: { done: () => void; failed: (e: unknown) => void }): void {
    this.queue.catchUp(callbacks);
  }

  /** Stops processing the inbox (the server is closing); what is left waits for the next start. */
  stopInputs(): void {
    this.queue.stop();
  }

  /**
   * Accepts requests into the inbox without processing them: one transaction for all (each
   * request one statement), so the answer can go out as soon as they are durable. A request is
   * a client's events or one command. An event id processed before, or repeated within the
   * request, is a retry and counted as a duplicate; one still waiting in the inbox from another
   * request is recognised when processed, so it is never applied twice either. Each request's
   * outcome tells up to which place in line it is (`last`), to wait for it.
   */
  accept(requests: readonly Submission[]): (Accepted | Error)[] {
    const at = this.clock.now();
    return this.store.transaction(() =>
      requests.map((request) => {
        try {
          if (!isEvents(request)) return { accepted: 1, duplicates: 0, last: this.repos.inbox.add(request, at) };
          // One statement per request, atomic by itself: no savepoint needed.
          const seen = new Set<string>();
          const unique = request.filter((e) => !seen.has(e.id) && !!seen.add(e.id));
          const { added, last } = this.repos.inbox.addAll(JSON.stringify(unique), at);
          return { accepted: added, duplicates: request.length - added, last };
        } catch (e) {
          return asError(e);
        }
      }),
    );
  }

  /**
   * Processes up to `limit` inputs of the inbox (none after place `through`) in the order they
   * arrived, each at the instant it arrived, timers due by then first: one transaction for the
   * slice (see `grouped`), each input removed from the inbox in the same transaction, so a crash
   * leaves it queued and never half done. An event that fails is rolled back alone and moved, in
   * the same transaction, to the failed events with its error (GET /api/events/failed) rather
   * than blocking the line or being lost; a command that fails is rolled back alone and answered
   * with its error. Commands' outcomes go to `answer` once committed. Returns the place in line
   * processed up to (0 when nothing was waiting).
   */
  processInbox(limit = INBOX_SLICE, { through, answer }: ProcessOptions = {}): number {
    const rows = this.repos.inbox.take(limit, through);
    if (rows.length === 0) return 0;
    this.fireDueTimers(rows[0]!.at);
    const { last, answers } = this.grouped((attempt) => {
      let last = 0;
      const answers: [number, unknown][] = [];
      // Timers due by an input's instant that its predecessors set fire before it, in the slice.
      const timers = { nextTimerAt: () => this.store.nextTimerAt(), fireTimersUntil: (at: number) => this.fireTimersInGroup(at, Infinity, attempt).ok };
      driveInputs(
        timers,
        inputLine(rows),
        (row) => {
          const entry = readInboxEntry(row.kind, row.event);
          last = row.n;
          this.repos.inbox.remove(row.n);
          // A blank row is an input of a contact erased while it waited.
          if (entry === null) {
            if (row.kind !== 'event') answers.push([row.n, new ApiError(409, 'The contact was erased while this change waited; nothing was changed.')]);
          } else if (entry.kind === 'event') {
            const e = entry.event;
            // A retry accepted while the first was still waiting: the first one counted.
            if (this.repos.eventIds.has(e.id)) return;
            attempt(
              () => this.ingestEvent(e, row.at),
              (err) => {
                this.log(`Event ${e.id} of contact ${e.contactId} could not be processed; it is kept with the failed events: ${err.message}`);
                this.repos.failedEvents.add(e.id, e.contactId, row.at, this.clock.now(), row.event, err.message);
              },
            );
          } else {
            answers.push([
              row.n,
              attempt<unknown>(
                () => runInboxCommand(entry, row.at, { store: this.store, engine: this.engine, feedback: recordFeedback(this.repos.handoffs, this.engine) }),
                (err) => {
                  this.log(`A ${entry.kind} of contact ${entry.contactId} failed and changed nothing: ${err.message}`);
                  return err;
                },
              ),
            ]);
          }
        },
        { until: rows[rows.length - 1]!.at },
      );
      return { last, answers };
    });
    // With the line empty, timers that waited for it are due now (no scheduler runs a manual clock).
    if (this.repos.inbox.oldestAt() === undefined) this.fireDueTimers(this.clock.now());
    this.onCommit();
    if (answer) for (const [n, outcome] of answers) answer(n, outcome);
    return last;
  }

  /** Runs one client event through the flows at `at` and records its id, so a retry is skipped. */
  private ingestEvent(e: IncomingEvent, at: number) {
    const recorded = this.engine.ingest({
      contactId: e.contactId,
      at,
      type: e.type,
      ...(e.data ? { data: e.data } : {}),
      ...(e.properties ? { properties: e.properties } : {}),
      ...(e.stage ? { stage: e.stage } : {}),
    });
    this.repos.eventIds.add(e.id, e.contactId, recorded.seq);
  }

  /** How many accepted inputs wait in the inbox. */
  inboxSize(): number {
    return this.repos.inbox.size();
  }

  /** Whether accepted inputs wait in the inbox. */
  inboxWaiting(): boolean {
    return this.repos.inbox.oldestAt() !== undefined;
  }

  /** The last place in line taken, 0 when the inbox is empty. */
  inboxLast(): number {
    return this.repos.inbox.last();
  }

  /**
   * Writes a slice of a contact import in one transaction (group commit, see `grouped`). `plan`
   * looks at each input against the contacts as the inputs before it left them, and says what
   * to write and what to answer for it: a new contact is stored as a contact update stores one,
   * a change to one is an input as there. An input that throws is rolled back alone and its
   * answer is the error. `events` of a plan are ingested after its write in the same
   * transaction (an id processed before is skipped), so an input's contact and the events it
   * causes (a form post's `form_submitted`) commit together or not at all. Called at the slice's
   * place in line (`inLine`), so it neither overtakes nor waits out inputs queued before it
   * synchronously.
   */
  writeContacts<T, R>(inputs: readonly T[], plan: (input: T) => { write?: ContactWrite; events?: readonly IncomingEvent[]; answer: R }): (R | Error)[] {
    const at = this.clock.now();
    this.fireDueTimers(at);
    const answers = this.grouped((attempt) =>
      inputs.map((input) =>
        attempt<R | Error>(
          () => {
            const { write, events = [], answer } = plan(input);
            if (write && 'create' in write) this.store.putContact(write.create);
            else if (write) this.engine.updateContact(write.update, write.changes, at);
            for (const e of events) if (!this.repos.eventIds.has(e.id)) this.ingestEvent(e, at);
            return answer;
          },
          (e) => e,
        ),
      ),
    );
    this.onCommit();
    return answers;
  }

  /** An import's dry run: `plan` over the contacts in one read transaction (one snapshot, nothing written). */
  viewContacts<T>(_keys: unknown, plan: (lookup: ImportLookup) => T): T {
    return this.repos.db.transaction(() => plan(sqliteLookup(this.repos)))();
  }

  /** A slice of an import, planned row by row and written in one transaction at its place in line. */
  importSlice(rows: readonly ImportRow[], key: ImportKey): Promise<(ImportOutcome | Error)[]> {
    const lookup = sqliteLookup(this.repos);
    return this.inLine(() => this.writeContacts(rows, (row) => planRow(row, key, lookup)));
  }

  /**
   * Erases a contact and everything about it, its events waiting in the inbox included; false
   * when there was nothing. Then the WAL is checkpointed and truncated, so the deleted rows'
   * old pages (the WAL keeps page images until a checkpoint) leave the disk at once; with
   * `secure_delete` the database file holds only zeros where they were.
   */
  eraseContact(id: string): boolean {
    const erased = this.store.transaction(() => this.repos.contacts.erase(id));
    if (erased) {
      const [result] = this.repos.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy) this.log(`The erasure of contact ${id} is committed, but a reader held the WAL: its old pages leave it at the next checkpoint.`);
    }
    return erased;
  }

  /** Everything stored about a contact (right of access); undefined when there is no such contact. */
  exportContact(contactId: string): ContactExport | undefined {
    return contactExport({ workspace: this.workspace, repos: this.repos, clock: this.clock }, contactId);
  }

  /** Removes one enrolment of a flow (its steps and timers too); false when there is none. */

  removeEnrolment(flowId: string, enrolmentId: string): boolean {
    return this.store.transaction(() => {
      const e = this.repos.enrolments.get(enrolmentId);
      if (!e || e.flowId !== flowId) return false;
      this.repos.enrolments.delete(enrolmentId);
      return true;
    });
  }
}
