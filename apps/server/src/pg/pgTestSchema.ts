// For tests: a schema of its own in the test database, migrated, dropped after.
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { pgMigrate } from './pgMigrate.ts';
import { createPool, waitForPostgres } from './pgPool.ts';

/** The database tests use: HOURGLASS_TEST_PG, else the `test` database of the local PostgreSQL. */
export const TEST_PG_URL = process.env.HOURGLASS_TEST_PG || 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSchema {
  url: string;
  schema: string;
  /** A pool whose connections use the schema. */
  pool: Pool;
  /** Empties every table the runtime writes and restarts the numbers (a new, empty store). */
  truncate(): Promise<void>;
  drop(): Promise<void>;
}

const RUNTIME_TABLES = [
  'contacts',
  'events',
  'event_counts',
  'event_ids',
  'enrolments',
  'steps',
  'emails',
  'handoffs',
  'round_robin',
  'inbox',
  'failed_events',
  'workers',
  'flows',
  'flow_versions',
  'settings',
  'paused_flows',
  'report_counts',
  'scenarios',
  'flow_notes',
  'sessions',
  'sign_in_codes',
  'command_answers',
  'forms',
  'consents',
  'migrations',
  'migration_counts',
  'skipped_emails',
];
/** Empties the runtime's tables (DELETE: on a test's few rows much faster than TRUNCATE) and restarts the numbers. */
export const TRUNCATE_RUNTIME = `${RUNTIME_TABLES.map((t) => `DELETE FROM ${t};`).join(' ')} ALTER SEQUENCE hg_seq RESTART`;

/**
 * Creates `hg_test_<random>` in the test database and migrates it. When PostgreSQL cannot be
 * reached it throws, saying so: a test that needs PostgreSQL fails rather than passes silently.
 */
export async function createTestSchema(): Promise<TestSchema> {
  const admin = createPool(TEST_PG_URL, { max: 1 });
  try {
    await waitForPostgres(admin, TEST_PG_URL, { attempts: 1 });
  } catch (e) {
    await admin.end();
    throw new Error(
      `These tests need PostgreSQL, and ${(e as Error).message} Start it (.ci/run starts an installed PostgreSQL that is stopped) or set HOURGLASS_TEST_PG to a database they may create schemas in.`,
    );
  }
  const schema = `hg_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = createPool(TEST_PG_URL, { schema, max: 4 });
  await pgMigrate(pool);
  return {
    url: TEST_PG_URL,
    schema,
    pool,
    truncate: async () => void (await pool.query(TRUNCATE_RUNTIME)),
    drop: async () => {
      await pool.end();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
