import type { Pool } from 'pg';
import type { Migration } from '../db/migrations.ts';
import { pgMigrations } from './pgMigrations.ts';

/** The advisory lock key every worker's migration takes: several workers starting together migrate once. */
const MIGRATION_LOCK = 0x68676d69; // "hgmi"

/**
 * Brings a PostgreSQL database (its current schema, see `search_path`) to the newest schema:
 * each migration above the recorded version with its version row in one transaction, all under
 * a session advisory lock, so workers starting together wait for the first one and then find
 * nothing left to do. A database newer than this program is refused. Returns the versions applied.
 */
export async function pgMigrate(pool: Pool, migrations: readonly Migration[] = pgMigrations): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
      const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_version');
      const current = rows[0]?.version ?? 0;
      const newest = migrations.reduce((m, x) => Math.max(m, x.version), 0);
      if (current > newest) {
        throw new Error(`This database has schema version ${current}, newer than this Hourglass (${newest}). Use a newer Hourglass or another HOURGLASS_DB.`);
      }
      const applied: number[] = [];
      for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
        if (m.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_version (version) VALUES ($1)', [m.version]);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw e;
        }
        applied.push(m.version);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
