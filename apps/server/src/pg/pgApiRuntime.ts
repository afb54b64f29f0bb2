import type { Pool } from 'pg';
import type { ContactChangesBody, ContactExport, EventInput } from '@hourglass/api';
import type { ContactRecord, EnrolOutcome, ScoreSplit } from '@hourglass/engine';
import type { Clock } from '../clock.ts';
import type { AnswerWhen } from '../inputQueue.ts';
import type { MoveEntry } from '../inboxEntry.ts';
import { salesFeedbackData, type HandoffEntry } from '../handoffRepository.ts';
import type { ImportKey, ImportOutcome, ImportRow } from '../contactImportRows.ts';
import type { ApiMigrations, ApiRepositories, ApiRuntime, ImportLookup } from '../storeApi.ts';
import { PgCommands } from './pgCommands.ts';
import { PgContactImport } from './pgContactImport.ts';
import { PgFormInputs } from './pgFormInputs.ts';
import { PgPause } from './pgPause.ts';
import { pgTransaction } from './pgTransaction.ts';
import { pollUntil } from './pollUntil.ts';
import { QUEUE_INBOX_ROW } from './pgWakeups.ts';
import { pgContactExport } from './pgContactExport.ts';
import type { PgLockedChanges } from './pgLockedChanges.ts';
import type { PgHandoffRepository } from './pgSalesRepositories.ts';
import type { PgWorker } from './pgWorker.ts';

/**
 * The inputs of the API on PostgreSQL: every one goes through the shared inbox and is applied by
 * whichever worker holds its contact (PgWorker). Events are answered once durable, or once
 * applied unless `Prefer: respond-async`; commands once applied (PgCommands).
 */
export class PgApiRuntime implements ApiRuntime {
  private readonly commands: PgCommands;
  private readonly imports: PgContactImport;
  private readonly pauses: PgPause;
  readonly migrations: ApiMigrations;

  private readonly pool: Pool;
  private readonly worker: PgWorker;
  readonly clock: Clock;
  private readonly handoffs: PgHandoffRepository;
  private readonly repos: Pick<ApiRepositories, 'consents' | 'contacts'>;
  private readonly changes: PgLockedChanges;
  private readonly scoreOf: (contactId: string) => Promise<ScoreSplit | undefined>;

  constructor(options: {
    pool: Pool;
    worker: PgWorker;
    clock: Clock;
    handoffs: PgHandoffRepository;
    /** What finding a form's consent reads. */
    repos: Pick<ApiRepositories, 'consents' | 'contacts'>;
    changes: PgLockedChanges;
    /** A contact's score as of now (the workspace's). */
    scoreOf: (contactId: string) => Promise<ScoreSplit | undefined>;
    /** Migrations of flows, run by every worker (PgMigrationRunner). */
    migrations: ApiMigrations;
  }) {
    ({
      pool: this.pool,
      worker: this.worker,
      clock: this.clock,
      handoffs: this.handoffs,
      repos: this.repos,
      changes: this.changes,
      scoreOf: this.scoreOf,
      migrations: this.migrations,
    } = options);
    const { clock, worker, pool } = options;
    this.commands = new PgCommands(
      pool,
      () => clock.now(),
      () => worker.kick(),
    );
    this.imports = new PgContactImport(pool, this.commands);
    this.pauses = new PgPause(
      pool,
      () => clock.now(),
      (busy) => this.until(busy),
    );
  }

  pause(flowId: string): Promise<boolean> {
    return this.pauses.pause(flowId);
  }

  resume(flowId: string, skipPastEmails: boolean): Promise<{ fired: number; skippedEmails: number } | undefined> {
    return this.pauses.resume(flowId, skipPastEmails);
  }

  async submit(events: readonly EventInput[], when: AnswerWhen = 'processed'): Promise<{ accepted: number; duplicates: number }> {
    const { accepted, duplicates, rows } = await this.worker.accept(events);
    if (when === 'processed') await this.until(() => this.waiting(rows));
    return { accepted, duplicates };
  }

  formInputs(secret: Buffer): PgFormInputs {
    return new PgFormInputs({
      pool: this.pool,
      repos: this.repos,
      now: () => this.clock.now(),
      secret,
      applied: (rows) => this.until(() => this.waiting(rows)),
    });
  }

  /** Whether any of these inbox rows still waits (by their numbers, the primary key). */
  private async waiting(rows: number[]): Promise<boolean> {
    return rows.length > 0 && (await this.pool.query('SELECT 1 FROM inbox WHERE n = ANY($1) LIMIT 1', [rows])).rows.length > 0;
  }

  private until(busy: () => Promise<boolean>): Promise<void> {
    return pollUntil(busy, () => this.worker.kick());
  }

  async upsertContact(contactId: string, changes: ContactChangesBody): Promise<{ contact: ContactRecord; created: boolean }> {
    return (await this.commands.send({ kind: 'contactUpdate', contactId, changes })) as { contact: ContactRecord; created: boolean };
  }

  viewContacts<T>(keys: { ids: readonly string[]; emails: readonly string[] }, plan: (lookup: ImportLookup) => T): Promise<T> {
    return this.imports.viewContacts(keys, plan);
  }

  importSlice(rows: readonly ImportRow[], key: ImportKey): Promise<(ImportOutcome | Error)[]> {
    return this.imports.importSlice(rows, key);
  }

  async enrol(flowId: string, contactId: string): Promise<EnrolOutcome> {
    return (await this.commands.send({ kind: 'enrol', flowId, contactId })) as EnrolOutcome;
  }

  /**
   * Waits until everything due by `until` is worked off (the manual clock has just moved there):
   * no inbox row and no timer due by then left, whichever worker applied them. Answers how many
   * inputs and timers this worker applied meanwhile.
   */
  async fireDueTimers(until: number): Promise<number> {
    const before = this.worker.applied;
    await this.until(async () => {
      const { rows } = await this.pool.query<{ left: boolean }>(
        'SELECT EXISTS (SELECT 1 FROM inbox) OR EXISTS (SELECT 1 FROM enrolments WHERE wake_at <= $1) AS left',
        [until],
      );
      return rows[0]!.left;
    });
    return this.worker.applied - before;
  }

  /**
   * Records the verdict on an open handoff and queues its `sales_feedback` event in one
   * transaction (a second verdict finds it decided), then answers once a worker applied the event.
   */
  async feedback(handoffId: string, verdict: 'accepted' | 'rejected', note: string | undefined): Promise<HandoffEntry | false | undefined> {
    const eventId = `feedback-${handoffId}`;
    const queuedAt = await pgTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ contact_id: string }>(
        `UPDATE handoffs SET status = $2, note = $3, feedback_at = $4 WHERE id = $1 AND status = 'open' RETURNING contact_id`,
        [handoffId, verdict, note ?? null, this.clock.now()],
      );
      if (!rows[0]) return undefined;
      const contactId = rows[0].contact_id;
      const event: EventInput = { id: eventId, contactId, type: 'sales_feedback', data: salesFeedbackData(handoffId, verdict, note) };
      const queued = await client.query<{ n: number }>(QUEUE_INBOX_ROW, ['event', contactId, eventId, this.clock.now(), JSON.stringify(event)]);
      return queued.rows[0]!.n;
    });
    if (queuedAt === undefined) return (await this.handoffs.get(handoffId)) ? false : undefined;
    this.worker.kick();
    await this.until(() => this.waiting([queuedAt]));
    return this.handoffs.get(handoffId);
  }

  /** Moves one contact's enrolment as a command in line with its inputs, applied by whichever worker holds the contact. */
  async moveEnrolment(move: Omit<MoveEntry, 'kind'>): Promise<void> {
    await this.commands.send({ kind: 'move', ...move });
  }

  removeEnrolment(flowId: string, enrolmentId: string): Promise<boolean> {
    return this.changes.removeEnrolment(flowId, enrolmentId);
  }

  eraseContact(contactId: string): Promise<boolean> {
    return this.changes.eraseContact(contactId);
  }

  exportContact(contactId: string): Promise<ContactExport | undefined> {
    return pgContactExport(this.pool, contactId, this.clock.now(), this.scoreOf);
  }
}
