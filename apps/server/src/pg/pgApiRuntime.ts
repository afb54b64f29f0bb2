import type { Pool } from 'pg';
import type { ContactChangesBody, EventInput } from '@hourglass/api';
import type { ContactRecord, EnrolOutcome } from '@hourglass/engine';
import { notOnThisStore } from '../apiError.ts';
import type { Clock } from '../clock.ts';
import type { AnswerWhen } from '../inputQueue.ts';
import type { ApiRuntime } from '../storeApi.ts';
import { PgCommands } from './pgCommands.ts';
import type { PgWorker } from './pgWorker.ts';

/** How often a request waiting for the workers looks again (ms). */
const POLL_MS = 5;

/**
 * The inputs of the API on PostgreSQL: every one goes through the shared inbox and is applied by
 * whichever worker holds its contact (PgWorker). Events are answered once durable, or once
 * applied unless `Prefer: respond-async`; commands once applied (PgCommands).
 */
export class PgApiRuntime implements ApiRuntime {
  private readonly commands: PgCommands;

  constructor(
    private readonly pool: Pool,
    private readonly worker: PgWorker,
    readonly clock: Clock,
  ) {
    this.commands = new PgCommands(
      pool,
      () => clock.now(),
      () => worker.kick(),
    );
  }

  async submit(events: readonly EventInput[], when: AnswerWhen = 'processed'): Promise<{ accepted: number; duplicates: number }> {
    const answer = await this.worker.accept(events);
    if (when === 'processed') await this.until(() => this.waiting(events.map((e) => e.id)));
    return answer;
  }

  /** Whether any of these events still waits in the inbox. */
  private async waiting(ids: string[]): Promise<boolean> {
    return (await this.pool.query("SELECT 1 FROM inbox WHERE kind = 'event' AND event_id = ANY($1) LIMIT 1", [ids])).rows.length > 0;
  }

  private async until(busy: () => Promise<boolean>): Promise<void> {
    while (await busy()) {
      this.worker.kick();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  async upsertContact(contactId: string, changes: ContactChangesBody): Promise<{ contact: ContactRecord; created: boolean }> {
    return (await this.commands.send({ kind: 'contactUpdate', contactId, changes })) as { contact: ContactRecord; created: boolean };
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

  moveEnrolment(): Promise<void> {
    return Promise.reject(notOnThisStore('Moving a contact to another step'));
  }

  removeEnrolment(): boolean {
    throw notOnThisStore('Removing a contact from a flow');
  }

  eraseContact(): boolean {
    throw notOnThisStore('Erasing a contact');
  }

  exportContact(): undefined {
    throw notOnThisStore("Exporting a contact's data");
  }
}
