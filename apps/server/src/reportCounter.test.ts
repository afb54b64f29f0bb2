import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { createTestApp, publishFlow, welcomeFlow, type TestApp } from './testApp.ts';
import { Runtime } from './runtime.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

/** The counters recounted from the rows they count (enrolments, steps, outbox). */
function recount(db: Database) {
  return db
    .prepare(
      `
    SELECT flow_id, version, day, kind, node, port, sum(n) AS count FROM (
      SELECT flow_id, version, entered_at / 86400000 AS day, 'enrolled' AS kind, '' AS node, '' AS port, 1 AS n FROM enrolments
      UNION ALL SELECT flow_id, version, entered_at / 86400000, 'status', '', status, 1 FROM enrolments
      UNION ALL SELECT flow_id, version, entered_at / 86400000, 'waiting', position, '', 1 FROM enrolments WHERE status = 'active' AND position IS NOT NULL
      UNION ALL SELECT e.flow_id, e.version, e.entered_at / 86400000, 'entered', s.node, '', 1 FROM steps s JOIN enrolments e ON e.id = s.enrolment_id
      UNION ALL SELECT e.flow_id, e.version, e.entered_at / 86400000, 'left', s.node, s.port, 1 FROM steps s JOIN enrolments e ON e.id = s.enrolment_id WHERE s.port IS NOT NULL
      UNION ALL SELECT e.flow_id, e.version, e.entered_at / 86400000, m.status, m.node, coalesce(m.suppressed, ''), 1
        FROM emails m JOIN enrolments e ON e.id = m.enrolment_id WHERE m.kind = 'marketing' AND m.status IN ('suppressed', 'failed', 'sent')
    ) GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
    )
    .all();
}
const counters = (db: Database) =>
  db
    .prepare(
      `SELECT flow_id, version, day, kind, node, CASE WHEN kind = 'sent' THEN 'sent' ELSE port END AS port, count FROM report_counts
              WHERE count <> 0 ORDER BY 1, 2, 3, 4, 5, 6`,
    )
    .all();

describe('ReportCounter', () => {
  it('keeps the counters equal to a recount, also when one input of a group fails and is rolled back alone', async () => {
    t = createTestApp({ manualClock: true });
    t.manualClock!.set(Date.parse('2026-03-02T08:00:00Z'));
    await publishFlow(t, welcomeFlow());
    const runtime = new Runtime({ db: t.db, clock: t.manualClock!, log: () => {} });
    await t.call('PUT', '/api/contacts/before', { email: 'before@example.com' });
    await runtime.submit([{ id: 's1', contactId: 'broken', type: 'signup' }]);
    // Any input reaching this enrolment now throws: the group is retried with a savepoint per input.
    t.db.prepare(`UPDATE enrolments SET snapshot = '{"value":"no-such-node","context":{"since":0}}' WHERE contact_id = 'broken'`).run();
    runtime.accept([
      [
        { id: 'a', contactId: 'before', type: 'signup' },
        { id: 'b', contactId: 'broken', type: 'clicked' },
        { id: 'c', contactId: 'after', type: 'signup' },
      ],
    ]);
    while (runtime.processInbox() > 0);
    t.manualClock!.set(Date.parse('2026-03-04T08:00:00Z'));
    runtime.fireDueTimers(t.manualClock!.now(), 100);
    // Sent emails are counted by a trigger when the outbox marks them sent; the recount reads the port as the status.
    await t.delivery!.drain();
    const expected = (recount(t.db) as { kind: string; port: string }[]).map((r) => (r.kind === 'sent' ? { ...r, port: 'sent' } : r));
    expect(counters(t.db)).toEqual(expected);
    expect((await t.call('GET', '/api/flows/welcome/report')).body).toMatchObject({ enrolled: 3, active: 1, completed: 2 });
  });

  it("writes no counters with the benchmark's switch off, while the contact still goes through the flow", async () => {
    t = createTestApp({ manualClock: true });
    t.manualClock!.set(Date.parse('2026-03-02T08:00:00Z'));
    await publishFlow(t, welcomeFlow());
    const runtime = new Runtime({ db: t.db, clock: t.manualClock!, log: () => {}, reportCounters: false });
    await runtime.submit([{ id: 's1', contactId: 'c1', type: 'signup' }]);
    t.manualClock!.set(Date.parse('2026-03-04T08:00:00Z'));
    runtime.fireDueTimers(t.manualClock!.now(), 100);
    expect(t.db.prepare("SELECT status FROM enrolments WHERE contact_id = 'c1'").all()).toEqual([{ status: 'completed' }]);
    expect(recount(t.db)).not.toEqual([]);
    expect(counters(t.db)).toEqual([]);
  });
});
