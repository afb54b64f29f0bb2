import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../configError.ts';
import { pgMigrate } from './pgMigrate.ts';
import { pgMigrations } from './pgMigrations.ts';
import { PostgresUnavailable, createPool, waitForPostgres } from './pgPool.ts';
import { checkPostgresUrl } from './pgUrl.ts';
import { TEST_PG_URL, createTestSchema } from './pgTestSchema.ts';

describe('connecting to PostgreSQL', () => {
  it('says in one line, and tries again with backoff, while nothing listens at the address', async () => {
    const url = 'postgres://postgres@127.0.0.1:1/test';
    const pool = createPool(url);
    const lines: string[] = [];
    try {
      const waiting = waitForPostgres(pool, url, { log: (l) => lines.push(l), firstDelayMs: 10, attempts: 3 });
      await expect(waiting).rejects.toThrow(PostgresUnavailable);
      await expect(waiting).rejects.toThrow('PostgreSQL at postgres@127.0.0.1:1/test refuses connections: is it running?');
    } finally {
      await pool.end();
    }
    expect(lines).toEqual([
      'hourglass: PostgreSQL at postgres@127.0.0.1:1/test refuses connections: is it running? Trying again in 0.0 s.',
      'hourglass: PostgreSQL at postgres@127.0.0.1:1/test refuses connections: is it running? Trying again in 0.0 s.',
    ]);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });

  it('gives up at once, saying what is wrong, when the database of the connection string does not exist', async () => {
    const url = TEST_PG_URL.replace(/\/[^/]*$/, '/hg_no_such_database');
    const pool = createPool(url);
    const lines: string[] = [];
    try {
      await expect(waitForPostgres(pool, url, { log: (l) => lines.push(l) })).rejects.toThrow(/the database does not exist .*check HOURGLASS_DB/);
    } finally {
      await pool.end();
    }
    expect(lines).toEqual([]);
  });

  it('refuses a connection string that is not one, naming the form expected, without its password', () => {
    expect(() => checkPostgresUrl('postgres://user:secret@host:port/db')).toThrow(ConfigError);
    expect(() => checkPostgresUrl('postgres://user:secret@host:port/db')).not.toThrow(/secret/);
    expect(() => checkPostgresUrl('postgres://host:5432')).toThrow('HOURGLASS_DB must name a database');
    expect(checkPostgresUrl('postgres://u@h:5432/db')).toBe('postgres://u@h:5432/db');
  });
});

describe('pgMigrate', () => {
  it('migrates once when several workers start together on a new database', async () => {
    const test = await createTestSchema();
    const schema = `hg_test_${randomBytes(6).toString('hex')}`;
    await test.pool.query(`CREATE SCHEMA ${schema}`);
    const pools = [0, 1, 2].map(() => createPool(TEST_PG_URL, { schema, max: 1 }));
    try {
      const applied = await Promise.all(pools.map((p) => pgMigrate(p)));
      // Every migration applied by one of them, none by the others.
      const latest = pgMigrations.at(-1)!.version;
      expect(applied.map((a) => a.length).sort()).toEqual([0, 0, pgMigrations.length]);
      expect((await pools[0]!.query('SELECT version FROM schema_version ORDER BY version')).rows).toEqual(pgMigrations.map((m) => ({ version: m.version })));
      await expect(pgMigrate(pools[0]!, [])).rejects.toThrow(`This database has schema version ${latest}, newer than this Hourglass (0).`);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await test.pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await test.drop();
    }
  });
});
