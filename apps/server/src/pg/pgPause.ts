import type { Pool } from 'pg';
import { HOLD_LOCK } from './pgReads.ts';
import { pgTransaction } from './pgTransaction.ts';
import { HOLD } from './unitCommit.ts';

/**
 * Pausing and resuming a flow on PostgreSQL, beside the workers (docs/semantics.md, "Pausing a
 * flow"): one transaction under the hold lock taken alone (HOLD_LOCK), so every batch that read
 * the paused flows before has committed and every later one sees the change. Each waits first
 * for the inputs accepted before it (its place in line, as on SQLite), and a resume waits until
 * the workers fired the timers that fell due meanwhile.
 */
export class PgPause {
  constructor(
    private readonly pool: Pool,
    private readonly now: () => number,
    /** Waits until `busy` says no, the workers told there is work (pollUntil). */
    private readonly until: (busy: () => Promise<boolean>) => Promise<void>,
  ) {}

  /** Waits until no inbox row accepted before this call is left. */
  private async inLine(): Promise<void> {
    const { rows } = await this.pool.query<{ last: number | null }>('SELECT max(n) AS last FROM inbox');
    const last = rows[0]?.last;
    if (last !== null && last !== undefined)
      await this.until(async () => (await this.pool.query('SELECT 1 FROM inbox WHERE n <= $1 LIMIT 1', [last])).rows.length > 0);
  }

  /** Pauses a flow from now on; false when it was paused already. */
  async pause(flowId: string): Promise<boolean> {
    await this.inLine();
    const at = this.now();
    return pgTransaction(this.pool, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(${HOLD_LOCK})`);
      if ((await client.query('SELECT 1 FROM paused_flows WHERE flow_id = $1', [flowId])).rows.length) return false;
      for (const q of HOLD.pause(flowId, at)) await client.query(q.text, q.values);
      return true;
    });
  }

  /**
   * Resumes a paused flow: its timers are due again, and the workers fire those due meanwhile in
   * order, each at its own instant; with `skipPastEmails` the emails they lead to are recorded as
   * not sent (`skipped_emails`, which every worker reads). Answers once they have fired: how many
   * of the flow's timers were due when it resumed (one that a fired timer set and that was due
   * already fires too, uncounted), and how many emails were skipped. Undefined when not paused.
   */
  async resume(flowId: string, skipPastEmails: boolean): Promise<{ fired: number; skippedEmails: number } | undefined> {
    await this.inLine();
    const at = this.now();
    const skipped = () => this.count("SELECT count(*)::int AS n FROM emails WHERE flow_id = $1 AND suppressed = 'moment-passed'", [flowId]);
    const resumed = await pgTransaction(this.pool, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(${HOLD_LOCK})`);
      if (!(await client.query('SELECT 1 FROM paused_flows WHERE flow_id = $1', [flowId])).rows.length) return undefined;
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM enrolments AS e CROSS JOIN jsonb_array_elements(e.timers::jsonb) AS t
         WHERE e.flow_id = $1 AND (t->>'wakeAt')::bigint <= $2`,
        [flowId, at],
      );
      for (const q of HOLD.resume(flowId)) await client.query(q.text, q.values);
      if (skipPastEmails)
        await client.query('INSERT INTO skipped_emails (flow_id, before) VALUES ($1, $2) ON CONFLICT (flow_id) DO UPDATE SET before = excluded.before', [
          flowId,
          at,
        ]);
      else await client.query('DELETE FROM skipped_emails WHERE flow_id = $1', [flowId]);
      return { due: rows[0]!.n, skippedBefore: await skipped() };
    });
    if (!resumed) return undefined;
    await this.until(
      async () => (await this.pool.query('SELECT 1 FROM enrolments WHERE flow_id = $1 AND wake_at <= $2 LIMIT 1', [flowId, at])).rows.length > 0,
    );
    return { fired: resumed.due, skippedEmails: (await skipped()) - resumed.skippedBefore };
  }

  private async count(text: string, values: unknown[]): Promise<number> {
    return (await this.pool.query<{ n: number }>(text, values)).rows[0]!.n;
  }
}
