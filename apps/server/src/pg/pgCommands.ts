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

  /** Queues one command and answers its outcome once applied (throwing its error). */
  async send(command: InboxCommand): Promise<unknown> {
    const [outcome] = await this.sendAll([command]);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }

  /**
   * Queues commands in one statement, in this order (a contact's come in line in it), and
   * answers each one's outcome, or its error, once all are applied.
   */
  async sendAll(commands: readonly InboxCommand[]): Promise<unknown[]> {
    if (commands.length === 0) return [];
    const { rows } = await this.pool.query<{ ns: string[] }>(
      // Numbered in the order given: the identity is taken row by row in the SELECT's order.
      `WITH rows AS (INSERT INTO inbox (kind, contact_id, at, event)
         SELECT k, c, $3, e FROM unnest($1::text[], $2::text[], $4::text[]) WITH ORDINALITY AS x(k, c, e, i) ORDER BY i RETURNING n)
       SELECT array_agg(n ORDER BY n) AS ns, ${NOTIFY_INBOX} FROM rows`,
      [commands.map((c) => c.kind), commands.map((c) => c.contactId), this.now(), commands.map((c) => JSON.stringify(c))],
    );
    this.kick();
    this.sent += commands.length;
    if (this.sent >= 100) {
      this.sent = 0;
      await this.pool.query('DELETE FROM command_answers WHERE at < $1', [this.now() - KEEP_ANSWERS_MS]);
    }
    const ns = rows[0]!.ns.map(Number);
    const answers = new Map<number, unknown>();
    for (let wait = 1; answers.size < ns.length; wait = Math.min(wait * 2, 50)) {
      const left = ns.filter((n) => !answers.has(n));
      const got = await this.pool.query<{ n: string; answer: string }>('DELETE FROM command_answers WHERE n = ANY($1) RETURNING n, answer', [left]);
      for (const r of got.rows) {
        const outcome = decodeAnswer(r.answer);
        answers.set(Number(r.n), outcome.ok ? outcome.value : outcome.error);
      }
      if (answers.size < ns.length) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    return ns.map((n) => answers.get(n));
  }
}
