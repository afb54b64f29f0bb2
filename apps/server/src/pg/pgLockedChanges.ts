import type { Pool, PoolClient } from 'pg';
import { ApiError } from '../apiError.ts';
import { encodeAnswer } from '../commandAnswer.ts';
import { pgTransaction } from './pgTransaction.ts';

/**
 * Takes a contact's lock and waits for it: the advisory lock a worker takes (without waiting)
 * to apply the contact's inputs (CLAIM in pgWorker.ts; the key must stay the same). Held until
 * the transaction ends, so no worker applies anything to the contact meanwhile, and a batch
 * that read it has committed before.
 */
const LOCK_CONTACTS = 'SELECT pg_advisory_xact_lock(hashtextextended(c, hashtext(current_schema()))) FROM unnest($1::text[]) AS c';

/** The tables that hold a contact's data, by the column that names the contact (steps go with the enrolments). */
const CONTACT_TABLES: [string, string][] = [
  ['enrolments', 'contact_id'],
  ['events', 'contact_id'],
  ['event_counts', 'contact_id'],
  ['event_ids', 'contact_id'],
  ['emails', 'contact_id'],
  ['handoffs', 'contact_id'],
  ['failed_events', 'contact_id'],
  ['consents', 'contact_id'],
  ['contacts', 'id'],
];

const ERASED = new ApiError(409, 'The contact was erased while this change waited; nothing was changed.');

/**
 * The changes of the API that are not inputs of the engine — erasing a contact, removing
 * enrolments — made on PostgreSQL in one transaction that holds the contacts' locks, as SQLite
 * makes them in one transaction between inputs.
 */
export class PgLockedChanges {
  constructor(private readonly pool: Pool) {}

  /**
   * Erases a contact and everything about it, its inputs waiting in the inbox included (a
   * command waiting there is answered that the contact was erased). False when there was nothing.
   * PostgreSQL frees the deleted rows' space at its next VACUUM; a table added later that holds
   * contact data must be listed in CONTACT_TABLES.
   */
  eraseContact(contactId: string): Promise<boolean> {
    return this.locked([contactId], async (client) => {
      let erased = 0;
      erased += (await client.query('DELETE FROM steps WHERE enrolment_id IN (SELECT id FROM enrolments WHERE contact_id = $1)', [contactId])).rowCount ?? 0;
      for (const [table, column] of CONTACT_TABLES) erased += (await client.query(`DELETE FROM ${table} WHERE ${column} = $1`, [contactId])).rowCount ?? 0;
      const { rows } = await client.query<{ n: number; kind: string; event: string }>('DELETE FROM inbox WHERE contact_id = $1 RETURNING n, kind, event', [
        contactId,
      ]);
      // A migration's rows of the contact count as applied (moving nobody), so the migration still ends.
      const migrating = rows.filter((r) => r.kind === 'migrate').map((r) => (JSON.parse(r.event) as { migrationId: string }).migrationId);
      if (migrating.length)
        await client.query(
          'INSERT INTO migration_counts (migration_id, applied, moved, goal, stayed, exited) SELECT m, 1, 0, 0, 0, 0 FROM unnest($1::text[]) AS m',
          [migrating],
        );
      const commands = rows.filter((r) => r.kind !== 'event' && r.kind !== 'migrate').map((r) => r.n);
      if (commands.length)
        await client.query('INSERT INTO command_answers (n, answer, at) SELECT n, $2, $3 FROM unnest($1::bigint[]) AS n ON CONFLICT (n) DO NOTHING', [
          commands,
          encodeAnswer(ERASED),
          Date.now(),
        ]);
      return erased + rows.length > 0;
    });
  }

  /** Removes one enrolment of a flow with its steps and timers; false when there is none. */
  async removeEnrolment(flowId: string, enrolmentId: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ contact_id: string }>('SELECT contact_id FROM enrolments WHERE id = $1 AND flow_id = $2', [enrolmentId, flowId]);
    if (!rows[0]) return false;
    return this.locked([rows[0].contact_id], async (client) => {
      await client.query('DELETE FROM steps WHERE enrolment_id = $1', [enrolmentId]);
      return ((await client.query('DELETE FROM enrolments WHERE id = $1 AND flow_id = $2', [enrolmentId, flowId])).rowCount ?? 0) > 0;
    });
  }

  /**
   * Deletes a flow with its versions, scenarios, notes, round-robin counters and every enrolment
   * in it (steps and timers too), holding the locks of the contacts in it. Emails and handoffs
   * stay, as on SQLite: they are the history of what was sent and who was handed over.
   */
  async deleteFlow(flowId: string): Promise<void> {
    const { rows } = await this.pool.query<{ contact_id: string }>('SELECT DISTINCT contact_id FROM enrolments WHERE flow_id = $1 ORDER BY 1', [flowId]);
    await this.locked(
      rows.map((r) => r.contact_id),
      async (client) => {
        await client.query('DELETE FROM steps WHERE enrolment_id IN (SELECT id FROM enrolments WHERE flow_id = $1)', [flowId]);
        await client.query('DELETE FROM migration_counts WHERE migration_id IN (SELECT id FROM migrations WHERE flow_id = $1)', [flowId]);
        for (const table of ['enrolments', 'round_robin', 'scenarios', 'flow_notes', 'flow_versions', 'migrations', 'skipped_emails']) {
          await client.query(`DELETE FROM ${table} WHERE flow_id = $1`, [flowId]);
        }
        await client.query('DELETE FROM flows WHERE id = $1', [flowId]);
      },
    );
  }

  private locked<T>(contactIds: string[], fn: (client: PoolClient) => Promise<T>): Promise<T> {
    return pgTransaction(this.pool, async (client) => {
      // In one order, so two of these cannot wait for each other's locks.
      if (contactIds.length) await client.query(LOCK_CONTACTS, [[...contactIds].sort()]);
      return fn(client);
    });
  }
}
