// Three worker processes (`npm start` with HOURGLASS_DB=postgres://…) on one PostgreSQL database,
// 10,000 contacts' events sent to them in turn, one worker killed with SIGKILL mid-load and
// started again: every contact must end exactly as with one worker in one process.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFlow, readScoring } from '@hourglass/documents';
import type { EventInput } from '@hourglass/api';
import { TEST_PG_URL, createTestSchema, type TestSchema } from '../apps/server/src/pg/pgTestSchema.ts';
import { PgWorker } from '../apps/server/src/pg/pgWorker.ts';
import { pgPublish } from '../apps/server/src/pg/pgWorkspace.ts';
import { readFixture } from './fixtures.ts';
import { outcome, timeless } from './pgOutcome.ts';
import { startServerProcess, type ServerProcess } from './serverProcess.ts';

const CONTACTS = 10_000;
const BATCH = 250;

/** Each contact downloads the whitepaper; every third clicks the email; every seventh click is sent twice (a retry). */
function eventsOf(i: number): EventInput[] {
  const contactId = `c${i}`;
  const click: EventInput = { id: `${contactId}-click`, contactId, type: 'email_clicked', data: { email: 'welcome' } };
  return [
    { id: `${contactId}-form`, contactId, type: 'form_submitted', data: { form: 'whitepaper' }, properties: { firstName: `N${i}` } },
    ...(i % 3 === 0 ? [click] : []),
    ...(i % 21 === 0 ? [click] : []),
  ];
}
/** The load as requests: contacts in blocks, a contact's events in order within its request. */
const requests = Array.from({ length: CONTACTS / BATCH }, (_, b) => Array.from({ length: BATCH }, (_, i) => eventsOf(b * BATCH + i)).flat());

let reference: TestSchema;
let shared: TestSchema;
beforeAll(async () => {
  [reference, shared] = await Promise.all([createTestSchema(), createTestSchema()]);
  for (const s of [reference, shared]) {
    await pgPublish.scoring(s.pool, readScoring(readFixture('whitepaper-nurture', 'scoring.json')).value!);
    await pgPublish.flow(s.pool, readFlow(readFixture('whitepaper-nurture', 'flow.json')).value!, null, Date.now());
  }
});
afterAll(async () => {
  await Promise.all([reference?.drop(), shared?.drop()]);
});

describe('several workers on one PostgreSQL database', () => {
  it('apply 10,000 contacts sent to three workers, one killed mid-load and started again, exactly as one worker does', async () => {
    // The single-process run.
    const one = new PgWorker({ pool: reference.pool, log: () => {} });
    await one.heartbeat();
    for (const events of requests) await one.accept(events);
    while ((await one.runBatch()) > 0);
    const expected = timeless(await outcome(reference.pool));
    expect(expected.emails).toHaveLength(CONTACTS);

    const env = { HOURGLASS_DB: TEST_PG_URL, HOURGLASS_PG_SCHEMA: shared.schema };
    // The server bundled for this run (test/buildServer.ts): a start loads one module, not the sources through tsx.
    const bundled = { main: inject('serverMain') };
    const workers: ServerProcess[] = await Promise.all([0, 1, 2].map(() => startServerProcess(env, bundled)));
    const killed: ServerProcess[] = [];
    try {
      let turn = 0;
      /** Posts a request to the workers in turn; one that does not answer (killed) is tried on the next. */
      const send = async (events: EventInput[]) => {
        for (let tries = 0; ; tries++) {
          const worker = workers[turn++ % workers.length]!;
          const answer = await worker.call('POST', '/api/events', { events }).catch(() => undefined);
          if (answer?.status === 202) return;
          if (tries > 10) throw new Error(`No worker accepted the request: ${answer?.status} ${JSON.stringify(answer?.body)}`);
        }
      };
      const half = requests.length / 2;
      await Promise.all(requests.slice(0, half).map(send));
      // kill -9 while the workers are busy with the first half: its batch in flight rolls back.
      const victim = workers.splice(1, 1)[0]!;
      await victim.crash();
      killed.push(victim);
      const rest = Promise.all(requests.slice(half).map(send));
      workers.push(await startServerProcess(env, bundled));
      await rest;
      // Until every worker says the inbox is empty and no timer is overdue.
      for (;;) {
        const health = await workers[0]!.call('GET', '/api/health');
        if (health.body.inbox === 0 && health.body.overdueTimers === 0) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const health = (await workers[0]!.call('GET', '/api/health')).body;
      expect(health.scaleOut.workers.length).toBeGreaterThanOrEqual(3);
      const got = timeless(await outcome(shared.pool));
      // Compared contact by contact, so a failure names the first contacts that differ.
      for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
        const differing = expected[key].filter((row, i) => JSON.stringify(row) !== JSON.stringify(got[key][i]));
        expect({ key, differing: differing.slice(0, 3), count: got[key].length }).toEqual({ key, differing: [], count: expected[key].length });
      }
      const twice = await shared.pool.query('SELECT contact_id, node FROM emails GROUP BY 1, 2 HAVING count(*) > 1 LIMIT 5');
      expect(twice.rows).toEqual([]);
    } finally {
      for (const w of workers) await w.stop();
    }
  }, 300_000);
});
