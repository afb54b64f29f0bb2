import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { migrations } from './migrations.ts';

const versionOf = (db: BetterSqlite3.Database) => (db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number }).v;

describe('migrate', () => {
  it('brings a new database to the newest schema, with an index on the timers\' wake-up instant', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db)).toEqual(migrations.map((m) => m.version));
    expect(versionOf(db)).toBe(migrations.at(-1)!.version);
    const index = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'timers'").all() as { sql: string }[];
    expect(index.some((i) => /\(wake_at/.test(i.sql))).toBe(true);
  });

  it('applies only the migrations a database has not had, in order', () => {
    const db = new BetterSqlite3(':memory:');
    const steps = [
      { version: 2, description: 'b', sql: 'CREATE TABLE b (x)' },
      { version: 1, description: 'a', sql: 'CREATE TABLE a (x)' },
    ];
    expect(migrate(db, steps.slice(1))).toEqual([1]);
    expect(migrate(db, steps)).toEqual([2]);
    expect(migrate(db, steps)).toEqual([]);
    expect(versionOf(db)).toBe(2);
  });

  it('leaves no trace of a migration that fails', () => {
    const db = new BetterSqlite3(':memory:');
    expect(() => migrate(db, [{ version: 1, description: 'bad', sql: 'CREATE TABLE t (x); SELECT nonsense FROM nowhere;' }])).toThrow();
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't'").get()).toEqual({ n: 0 });
    expect(versionOf(db)).toBeNull();
  });

  it('refuses a database made by a newer Hourglass', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, [{ version: 9, description: 'future', sql: 'SELECT 1' }]);
    expect(() => migrate(db)).toThrow(/newer than this Hourglass/);
  });
});
