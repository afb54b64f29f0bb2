import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { migrations } from './migrations.ts';
import { SqliteStore } from '../sqliteStore.ts';

const versionOf = (db: BetterSqlite3.Database) => (db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number }).v;

describe('migrate', () => {
  it("brings a new database to the newest schema, with an index on the enrolments' wake-up instant", () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db)).toEqual(migrations.map((m) => m.version));
    expect(versionOf(db)).toBe(migrations.at(-1)!.version);
    const index = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'enrolments'").all() as { sql: string }[];
    expect(index.some((i) => /\(wake_at, wake_seq\)/.test(i.sql))).toBe(true);
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

  it('moves the timers of an older database into their enrolment rows, still due in the order they were set', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.version <= 3),
    );
    const enrol = db.prepare(`INSERT INTO enrolments (id, flow_id, version, contact_id, status, entered_at, position, snapshot)
                              VALUES (?, 'f', 1, ?, 'active', 0, 'w', '{"value":"w","context":{"since":0}}')`);
    const timer = db.prepare('INSERT INTO timers (enrolment_id, timer_id, event, wake_at) VALUES (?, ?, ?, ?)');
    enrol.run('e1', 'c1');
    enrol.run('e2', 'c2');
    enrol.run('e3', 'c3');
    timer.run('e2', 't-late', 'LATE', 300);
    timer.run('e1', 't-a', 'A', 100);
    timer.run('e2', 't-b', 'B', 100);
    expect(migrate(db)).toEqual(migrations.filter((m) => m.version > 3).map((m) => m.version));
    const store = new SqliteStore(db);
    expect(store.nextTimerAt()).toBe(100);
    expect(store.dueTimers(1000, 10).map((t) => [t.enrolmentId, t.id, t.event, t.wakeAt])).toEqual([
      ['e1', 't-a', 'A', 100],
      ['e2', 't-b', 'B', 100],
      ['e2', 't-late', 'LATE', 300],
    ]);
    expect(store.getEnrolment('e3')!.timers).toEqual([]);
    // A timer set after the move comes after the moved ones due at the same instant.
    store.putEnrolment({ ...store.getEnrolment('e3')!, timers: [{ id: 't-c', enrolmentId: 'e3', event: 'C', wakeAt: 100 }] });
    expect(store.dueTimers(100, 10).map((t) => t.id)).toEqual(['t-a', 't-b', 't-c']);
  });

  it('refuses a database made by a newer Hourglass', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, [{ version: migrations.at(-1)!.version + 1, description: 'future', sql: 'SELECT 1' }]);
    expect(() => migrate(db)).toThrow(/newer than this Hourglass/);
  });

  it('counts the events of an older database by contact, type and identical data', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.version <= 4),
    );
    const add = db.prepare('INSERT INTO events (contact_id, at, type, data) VALUES (?, ?, ?, ?)');
    for (const [c, at, type, data] of [
      ['a', 5, 'click', '{}'],
      ['a', 9, 'click', '{}'],
      ['a', 7, 'click', '{"x":1}'],
      ['b', 1, 'open', '{}'],
    ] as const)
      add.run(c, at, type, data);
    migrate(db);
    expect(db.prepare('SELECT contact_id, type, data, count, last_at FROM event_counts ORDER BY contact_id, data').all()).toEqual([
      { contact_id: 'a', type: 'click', data: '{"x":1}', count: 1, last_at: 7 },
      { contact_id: 'a', type: 'click', data: '{}', count: 2, last_at: 9 },
      { contact_id: 'b', type: 'open', data: '{}', count: 1, last_at: 1 },
    ]);
  });
});
