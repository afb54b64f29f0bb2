import type { Pool, PoolClient } from 'pg';

/** The channel workers are told on that inputs arrived; the payload is the schema, so workspaces sharing a database wake only their own. */
export const INBOX_CHANNEL = 'hourglass_inbox';
/** The SQL call that tells idle workers of this schema (delivered at commit); every statement adding inbox rows selects it. */
export const NOTIFY_INBOX = `pg_notify('${INBOX_CHANNEL}', current_schema())`;
/** Adds one inbox row ($1 kind, $2 contact, $3 event id or null, $4 at, $5 entry) and answers its number; idle workers are told at commit. */
export const QUEUE_INBOX_ROW = `WITH row AS (INSERT INTO inbox (kind, contact_id, event_id, at, event) VALUES ($1, $2, $3, $4, $5) RETURNING n)
  SELECT n, ${NOTIFY_INBOX} FROM row`;

/**
 * Wakes an idle worker when another one (or itself) commits inbox rows: a connection kept
 * LISTENing on `INBOX_CHANNEL` (accepting rows NOTIFYs in the same statement, delivered at
 * commit), instead of every idle worker asking the database every 50 ms. When the connection is
 * lost (a database restart) it is opened again at the next `ensure`; meanwhile the worker polls.
 */
export class PgWakeups {
  private client: PoolClient | undefined;
  private schema: string | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly onWake: () => void,
  ) {}

  /** Whether notifications are arriving: listens if it was not (one round trip), false when that fails. */
  async ensure(): Promise<boolean> {
    if (this.client) return true;
    let client: PoolClient | undefined;
    try {
      client = await this.pool.connect();
      const { rows } = await client.query<{ schema: string }>('SELECT current_schema() AS schema');
      this.schema = rows[0]!.schema;
      client.on('notification', (n) => {
        if (n.payload === this.schema) this.onWake();
      });
      const lost = () => this.drop(client!, new Error('The LISTEN connection was lost.'));
      client.on('error', lost);
      client.on('end', lost);
      await client.query(`LISTEN ${INBOX_CHANNEL}`);
      this.client = client;
      return true;
    } catch (e) {
      if (client) this.drop(client, e as Error);
      return false;
    }
  }

  private drop(client: PoolClient, error: Error) {
    if (this.client === client) this.client = undefined;
    client.removeAllListeners('notification');
    try {
      client.release(error);
    } catch {
      // released already
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    await client.query(`UNLISTEN ${INBOX_CHANNEL}`).catch(() => {});
    client.removeAllListeners('notification');
    client.release();
  }
}
