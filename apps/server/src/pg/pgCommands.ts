import type { Pool } from 'pg';
import { NOTIFY_INBOX } from './pgWakeups.ts';
import { decodeAnswer } from '../commandAnswer.ts';
import type { InboxCommand } from '../inboxEntry.ts';

/** How long a command's answer is kept for a request that stopped waiting (its worker died). */
const KEEP_ANSWERS_MS = 3_600_000;

/**
 * Commands (a contact update, a manual enrolment) on PostgreSQL: queued in the shared inbox, in
 * line with the contact's events, and answered once applied — by whichever worker holds the
 * contact. That worker writes the outcome to `command_answers` in the transaction that applies
 * the command (batchInputs.ts); the request waits for the row, polling briefly, and deletes it.
 */
export class PgCommands {
  private sent = 0;

  constructor(
    private readonly pool: Pool,
    private readonly now: () => number,
    /** Tells this process's worker there is work (it may be the one that applies it). */
    private readonly kick: () => void,
  ) {}

  async send(command: InboxCommand): Promise<unknown> {
    const { rows } = await this.pool.query<{ n: number }>(
      `WITH row AS (INSERT INTO inbox (kind, contact_id, at, event) VALUES ($1, $2, $3, $4) RETURNING n)
       SELECT n, ${NOTIFY_INBOX} FROM row`,
      [command.kind, command.contactId, this.now(), JSON.stringify(command)],
    );
    this.kick();
    if (++this.sent % 100 === 0) await this.pool.query('DELETE FROM command_answers WHERE at < $1', [this.now() - KEEP_ANSWERS_MS]);
    const n = rows[0]!.n;
    for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
      const answer = await this.pool.query<{ answer: string }>('DELETE FROM command_answers WHERE n = $1 RETURNING answer', [n]);
      if (answer.rows[0]) {
        const outcome = decodeAnswer(answer.rows[0].answer);
        if (!outcome.ok) throw outcome.error;
        return outcome.value;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
