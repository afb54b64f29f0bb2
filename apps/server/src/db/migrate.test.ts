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

  it("counts the handoffs with sales' verdicts and the undelivered emails of an older database for its reports", () => {
    const db = new BetterSqlite3(':memory:');
    // By its description, so that renumbering the migrations does not change what this tests.
    const at = migrations.findIndex((m) => m.description.startsWith("handoffs and sales' verdicts"));
    migrate(db, migrations.slice(0, at));
    db.prepare(
      `INSERT INTO enrolments (id, flow_id, version, contact_id, status, entered_at, position, snapshot)
                VALUES ('e1', 'f', 2, 'c1', 'completed', 86400000, NULL, '{}'), ('e2', 'f', 2, 'c2', 'completed', 86400000, NULL, '{}')`,
    ).run();
    const handoff = db.prepare(`INSERT INTO handoffs (id, enrolment_id, flow_id, contact_id, node, at, owner, record, status)
                                VALUES (?, ?, 'f', ?, 'h', 0, NULL, ?, ?)`);
    handoff.run('h1', 'e1', 'c1', JSON.stringify({ score: { score: 45 } }), 'accepted');
    handoff.run('h2', 'e2', 'c2', JSON.stringify({ score: { score: -3 }, route: 'rule-2' }), 'open');
    const email = db.prepare(`INSERT INTO emails (id, kind, enrolment_id, flow_id, contact_id, node, at, subject, body, suppressed, status)
                              VALUES (?, 'marketing', 'e1', 'f', 'c1', 'm', 0, 's', 'b', ?, 'failed')`);
    email.run('m1', null);
    email.run('m2', 'render-failed');
    migrate(db);
    expect(db.prepare(`SELECT version, day, kind, node, port, count FROM report_counts WHERE kind NOT IN ('failed') ORDER BY kind, port`).all()).toEqual([
      { version: 2, day: 1, kind: 'band_accepted', node: 'h', port: '40', count: 1 },
      { version: 2, day: 1, kind: 'band_open', node: 'h', port: '-10', count: 1 },
      { version: 2, day: 1, kind: 'handoff_accepted', node: 'h', port: 'unknown', count: 1 },
      { version: 2, day: 1, kind: 'handoff_open', node: 'h', port: 'rule-2', count: 1 },
      { version: 2, day: 1, kind: 'undelivered', node: 'm', port: '', count: 1 },
    ]);
    // A verdict given after the migration moves the handoff from open to its verdict.
    db.prepare(`UPDATE handoffs SET status = 'rejected' WHERE id = 'h2'`).run();
    expect(db.prepare(`SELECT kind, port, count FROM report_counts WHERE kind LIKE '%_rejected' OR kind LIKE '%_open' ORDER BY kind`).all()).toEqual([
      { kind: 'band_open', port: '-10', count: 0 },
      { kind: 'band_rejected', port: '-10', count: 1 },
      { kind: 'handoff_open', port: 'rule-2', count: 0 },
      { kind: 'handoff_rejected', port: 'rule-2', count: 1 },
    ]);
  });
});
