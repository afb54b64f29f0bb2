import { driveInputs, inputLine, type Engine, type MigrationPlan, type TimerRecord } from '@hourglass/engine';
import { encodeAnswer } from '../commandAnswer.ts';
import { readInboxEntry } from '../inboxEntry.ts';
import { runInboxCommand } from '../runInboxCommand.ts';
import { isMissingData } from './missingData.ts';
import { MigrateEntry, MigrationTally, migrateOne } from './pgMigrateRows.ts';
import type { Query } from './pgReads.ts';
import type { UnitOfWork } from './unitOfWork.ts';

/** An inbox row as a worker reads it. */
export interface InboxRow {
  n: number;
  kind: string;
  contact_id: string;
  at: number;
  event: string;
}

/** What applying a batch did, besides the unit's writes: the rows' own writes, and the commands' answers. */
export interface BatchOutcome {
  /** Inputs applied and timers fired (failed ones not counted). */
  applied: number;
  /** Statements to commit with the unit's writes: inbox rows removed, event ids, failed events. */
  queries: Query[];
  /** Each command's outcome (or error) by its place in the inbox, to answer once committed. */
  answers: [number, unknown][];
}

export interface BatchInput {
  engine: Engine;
  unit: UnitOfWork;
  /** The contacts locked, in the order their work came. */
  contacts: readonly string[];
  /** Their inbox rows in line order. */
  inbox: readonly InboxRow[];
  /** Whether the inbox had more rows for these contacts than were read: their timers then wait for the next batch. */
  cut: boolean;
  /** The plans of the migrations whose rows are in `inbox` (pgMigrateRows.ts). */
  plans: ReadonlyMap<string, MigrationPlan>;
  /** Event ids already processed (a retry is skipped). */
  seen: ReadonlySet<string>;
  now: number;
  /** Whether each input runs in a transaction of its own, so that one that fails is rolled back alone. */
  isolate: boolean;
  log: (message: string) => void;
}

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/**
 * Runs a batch's inputs through the engine over the unit, contact by contact: each contact's
 * inbox rows in line order, its timers due by each row's instant first (spec §6, as
 * `Runtime.processInbox` does), then its timers due by now. A contact's instants never go back:
 * a row accepted a moment earlier on another worker but committed later runs at the instant of
 * the row before it. Synchronous: the worker has read everything beforehand, and a
 * `MissingData` thrown here asks it to read more and run the batch again.
 *
 * Without `isolate` an input that throws aborts the batch (the worker runs it again isolated);
 * isolated, it is rolled back alone: an event is kept with the failed events, a command is
 * answered with its error, a timer is dropped and logged — as on SQLite.
 */
export function applyBatch(input: BatchInput): BatchOutcome {
  const { engine, unit, now, isolate, log } = input;
  const attempt = <T>(fn: () => T, failed: (e: Error) => T): T => {
    if (!isolate) return fn();
    try {
      return unit.transaction(fn);
    } catch (e) {
      if (isMissingData(e)) throw e;
      return failed(asError(e));
    }
  };
  const rowsOf = new Map<string, InboxRow[]>();
  for (const row of input.inbox) rowsOf.set(row.contact_id, [...(rowsOf.get(row.contact_id) ?? []), row]);
  const removed: number[] = [];
  const eventIds: [string, string, number][] = [];
  const failed: [string, string, number, string, string][] = [];
  const answers: [number, unknown][] = [];
  const migrations = new MigrationTally();
  const seen = new Set(input.seen);
  let applied = 0;

  const fireTimers = (contactId: string, until: number) => {
    let fired = 0;
    for (;;) {
      const [timer] = unit.dueTimers(until, 1, contactId);
      if (!timer) return fired;
      fired += attempt(
        () => (engine.fireTimer(timer), 1),
        (e) => {
          log(`A timer of enrolment ${timer.enrolmentId} (${timer.event} at ${new Date(timer.wakeAt).toISOString()}) failed and was dropped: ${e.message}`);
          dropTimer(unit, timer);
          return 0;
        },
      );
    }
  };

  for (const contactId of input.contacts) {
    let last = -Infinity;
    const rows = (rowsOf.get(contactId) ?? []).map((row) => ({ row, at: (last = Math.max(last, row.at)) }));
    if (input.cut && rows.length === 0) continue;
    const fired = driveInputs(
      { nextTimerAt: () => unit.nextTimerAt(contactId), fireTimersUntil: (at) => fireTimers(contactId, at) },
      inputLine(rows),
      ({ row, at }) => {
        removed.push(row.n);
        if (row.kind === 'migrate') {
          const { migrationId, enrolmentId } = MigrateEntry.parse(JSON.parse(row.event));
          const plan = input.plans.get(migrationId);
          attempt(
            () => {
              migrations.add(migrationId, plan && migrateOne(engine, unit, plan, enrolmentId, at));
              applied++;
            },
            (err) => {
              log(`Enrolment ${enrolmentId} of contact ${contactId} could not be moved by migration ${migrationId}; it stays: ${err.message}`);
              migrations.failed(migrationId, err.message);
            },
          );
          return;
        }
        const entry = readInboxEntry(row.kind, row.event);
        // A blank row is an input of a contact erased while it waited.
        if (entry === null) return;
        if (entry.kind === 'event') {
          const e = entry.event;
          // A retry accepted while the first was still waiting: the first one counted.
          if (seen.has(e.id)) return;
          attempt(
            () => {
              const recorded = engine.ingest({
                contactId: e.contactId,
                at,
                type: e.type,
                ...(e.data ? { data: e.data } : {}),
                ...(e.properties ? { properties: e.properties } : {}),
                ...(e.stage ? { stage: e.stage } : {}),
              });
              eventIds.push([e.id, e.contactId, recorded.seq]);
              seen.add(e.id);
              applied++;
            },
            (err) => {
              log(`Event ${e.id} of contact ${e.contactId} could not be processed; it is kept with the failed events: ${err.message}`);
              failed.push([e.id, e.contactId, at, row.event, err.message]);
            },
          );
        } else {
          answers.push([
            row.n,
            attempt<unknown>(
              () => {
                const outcome = runInboxCommand(entry, at, { store: unit, engine, feedback: noFeedback });
                applied++;
                return outcome;
              },
              (err) => {
                log(`A ${entry.kind} of contact ${entry.contactId} failed and changed nothing: ${err.message}`);
                return err;
              },
            ),
          ]);
        }
      },
      { until: input.cut ? (rows.at(-1)?.at ?? now) : Math.max(now, last) },
    );
    applied += fired;
  }

  const queries: Query[] = [];
  if (removed.length) queries.push({ text: 'DELETE FROM inbox WHERE n = ANY($1)', values: [removed] });
  if (eventIds.length)
    queries.push({
      text: 'INSERT INTO event_ids (id, contact_id, seq) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) ON CONFLICT (id) DO NOTHING',
      values: [eventIds.map((x) => x[0]), eventIds.map((x) => x[1]), eventIds.map((x) => x[2])],
    });
  if (failed.length)
    queries.push({
      text: `INSERT INTO failed_events (event_id, contact_id, at, failed_at, event, error)
             SELECT e, c, a, $6, j, r FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[]) AS f(e, c, a, j, r)`,
      values: [...[0, 1, 2, 3, 4].map((i) => failed.map((x) => x[i])), now],
    });
  // Each command's answer, for the request that queued it, whichever worker it reached (PgCommands).
  if (answers.length)
    queries.push({
      text: 'INSERT INTO command_answers (n, answer, at) SELECT n, a, $3 FROM unnest($1::bigint[], $2::text[]) AS x(n, a) ON CONFLICT (n) DO NOTHING',
      values: [answers.map(([n]) => n), answers.map(([, outcome]) => encodeAnswer(outcome)), now],
    });
  queries.push(...migrations.queries());
  return { applied, queries, answers };
}

/** Removes one timer outside the engine (a timer that cannot fire). */
function dropTimer(unit: UnitOfWork, timer: TimerRecord) {
  const e = unit.getEnrolment(timer.enrolmentId);
  if (e) unit.putEnrolment({ ...e, timers: e.timers.filter((t) => t.id !== timer.id) });
}

/** Sales' verdicts are written by the API under the contact's lock (PgLockedChanges), never queued. */
function noFeedback(): never {
  throw new Error('Sales feedback is not handled on PostgreSQL yet.');
}
