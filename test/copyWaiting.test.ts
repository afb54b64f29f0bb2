import { describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { systemClock } from '../apps/server/src/clock.ts';
import { openDatabase } from '../apps/server/src/db/openDatabase.ts';
import { Runtime } from '../apps/server/src/runtime.ts';
import { copyWaiting } from './copyWaiting.ts';
import { fillWaiting } from './waitingContacts.ts';

/** A database of `count` contacts entered one by one through the Runtime, as fillWaiting does. */
function filled(count: number): Database {
  const db = openDatabase(':memory:');
  fillWaiting(new Runtime({ db, clock: systemClock, log: () => {} }), count, { longerWait: true });
  return db;
}

/** What a database holds for its contacts, each row named by its contact, without instants or generated ids. */
function contents(db: Database) {
  const rows = (sql: string) => db.prepare(sql).all();
  const byEnrolment = 'JOIN enrolments e ON e.id = x.enrolment_id';
  return {
    contacts: rows('SELECT id, email, stage, owner, properties, adjustments FROM contacts ORDER BY id'),
    enrolments: rows(
      `SELECT contact_id, flow_id, version, status, ended_at, position, snapshot, wake_seq, wake_at IS NOT NULL AS waking,
              (SELECT json_group_array(json_remove(value, '$.wakeAt')) FROM json_each(timers)) AS timers
       FROM enrolments ORDER BY contact_id`,
    ),
    steps: rows(`SELECT e.contact_id, x.node, x.type, x.port, x.migrated_from FROM steps x ${byEnrolment} ORDER BY e.contact_id, x.n`),
    emails: rows(
      `SELECT x.contact_id, e.contact_id AS enrolled, x.kind, x.flow_id, x.node, x.subject, x.body, x.suppressed, x.status, x.attempts
       FROM emails x ${byEnrolment} ORDER BY x.contact_id, x.n`,
    ),
    events: rows('SELECT seq, contact_id, type, data FROM events ORDER BY seq'),
    eventIds: rows("SELECT replace(id, 'signup-', '') AS id, contact_id, seq FROM event_ids ORDER BY seq"),
    eventCounts: rows('SELECT contact_id, type, data, count FROM event_counts ORDER BY contact_id, type, data'),
    report: rows('SELECT flow_id, version, kind, node, port, sum(count) AS count FROM report_counts GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5'),
    timerSeq: db.prepare("SELECT value FROM counters WHERE name = 'timer_seq'").pluck().get(),
    unique: db.prepare('SELECT count(DISTINCT id) = count(*) FROM enrolments').pluck().get(),
  };
}

describe('copying waiting contacts in bulk', () => {
  it('gives the rows the Runtime gives when the contacts enter one by one, under their own ids', () => {
    const oneByOne = filled(24);
    const copied = filled(8);
    copyWaiting(copied, 3);
    // The copies' event ids end in their copy's number; the Runtime's name the contact.
    const expected = contents(oneByOne);
    expected.eventIds = expected.eventIds.map((r: any) => ({ ...r, id: `${Number(r.id) % 8}${Number(r.id) < 8 ? '' : `#${Math.floor(Number(r.id) / 8)}`}` }));
    expect(contents(copied)).toEqual(expected);
    expect((expected.contacts as unknown[]).length).toBe(24);
  });

  it('refuses a database holding rows of a contact it would not know how to copy', () => {
    const db = filled(2);
    db.prepare("INSERT INTO failed_events (event_id, contact_id, at, failed_at, event, error) VALUES ('e', 'c0', 0, 0, '{}', 'no')").run();
    expect(() => copyWaiting(db, 2)).toThrow(/failed_events/);
  });
});
