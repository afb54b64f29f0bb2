// Worker processes (`npm start` with HOURGLASS_DB=postgres://…) whose database is down when they
// start, or restarts under load: they say so in one line, try again, and go on where the
// committed state is, nothing acknowledged lost, nothing applied twice. The database "restarts"
// behind a TCP proxy (test/pgProxy.ts), so the PostgreSQL server other tests share keeps running.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFlow, readScoring } from '@hourglass/documents';
import type { EventInput } from '@hourglass/api';
import { TEST_PG_URL, createTestSchema, type TestSchema } from '../apps/server/src/pg/pgTestSchema.ts';
import { PgWorker } from '../apps/server/src/pg/pgWorker.ts';
import { pgPublish } from '../apps/server/src/pg/pgWorkspace.ts';
import { readFixture } from './fixtures.ts';
import { outcome, timeless } from './pgOutcome.ts';
import { pgProxy } from './pgProxy.ts';
import { startServerProcess, type ServerProcess } from './serverProcess.ts';

const CONTACTS = 2_000;
const BATCH = 100;
const requests = Array.from({ length: CONTACTS / BATCH }, (_, b) =>
  Array.from({ length: BATCH }, (_, i): EventInput[] => {
    const contactId = `c${b * BATCH + i}`;
    return [
      { id: `${contactId}-form`, contactId, type: 'form_submitted', data: { form: 'whitepaper' } },
      ...(i % 3 === 0 ? [{ id: `${contactId}-click`, contactId, type: 'email_clicked', data: { email: 'welcome' } }] : []),
    ];
  }).flat(),
);

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

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks the workers in turn until one answers; a request that fails (the database is away) is sent again, with the same ids. */
async function until<T>(workers: ServerProcess[], ask: (w: ServerProcess) => Promise<T | undefined>): Promise<T> {
  for (let tries = 0; tries < 300; tries++) {
    const got = await ask(workers[tries % workers.length]!).catch(() => undefined);
    if (got !== undefined) return got;
    await pause(100);
  }
  throw new Error(`The workers did not answer:\n${workers.map((w) => w.log()).join('\n')}`);
}
const send = (workers: ServerProcess[], events: EventInput[]) =>
  until(workers, async (w) => ((await w.call('POST', '/api/events', { events })).status === 202 ? true : undefined));
const settled = (workers: ServerProcess[]) =>
  until(workers, async (w) => {
    const { status, body } = await w.call('GET', '/api/health');
    return status === 200 && body.inbox === 0 && body.overdueTimers === 0 ? true : undefined;
  });

describe('worker processes when the database goes away', () => {
  it('start while the database is down, saying so in one line and trying again, and work once it is up', async () => {
    // Emptied before the worker starts, not while it starts (behind the proxy, the database is still there).
    await shared.truncate();
    await pgPublish.scoring(shared.pool, readScoring(readFixture('whitepaper-nurture', 'scoring.json')).value!);
    await pgPublish.flow(shared.pool, readFlow(readFixture('whitepaper-nurture', 'flow.json')).value!, null, Date.now());
    const proxy = await pgProxy(TEST_PG_URL, { startDown: true });
    const env = { HOURGLASS_DB: proxy.url, HOURGLASS_PG_SCHEMA: shared.schema };
    let worker: ServerProcess | undefined;
    let said = false;
    try {
      // The database comes up once the worker has said it is waiting for it.
      worker = await startServerProcess(env, {
        main: inject('serverMain'),
        onOutput: (output) => {
          if (!said && output.includes('refuses connections')) void proxy.up();
          said ||= output.includes('refuses connections');
        },
      });
      const waiting = worker
        .log()
        .split('\n')
        .filter((l) => l.includes('refuses connections'));
      expect(waiting.length, worker.log()).toBeGreaterThan(0);
      expect(waiting[0]).toMatch(/^hourglass: PostgreSQL at postgres@127\.0\.0\.1:\d+\/\w+ refuses connections: is it running\? Trying again in \d\.\d s\.$/);
      await send([worker], requests[0]!);
      await settled([worker]);
      const { rows } = await shared.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM emails WHERE node = 'welcome'");
      expect(rows[0]!.n, worker.log()).toBe(BATCH);
    } finally {
      await worker?.stop();
      await proxy.close();
    }
  }, 120_000);

  it('go on where the committed state is when the database restarts under load: every contact as with one worker, no email twice', async () => {
    const one = new PgWorker({ pool: reference.pool, log: () => {} });
    await one.heartbeat();
    for (const events of requests) await one.accept(events);
    while ((await one.runBatch()) > 0);
    const expected = timeless(await outcome(reference.pool));
    expect(expected.emails).toHaveLength(CONTACTS);

    await shared.truncate();
    await pgPublish.scoring(shared.pool, readScoring(readFixture('whitepaper-nurture', 'scoring.json')).value!);
    await pgPublish.flow(shared.pool, readFlow(readFixture('whitepaper-nurture', 'flow.json')).value!, null, Date.now());
    const proxy = await pgProxy(TEST_PG_URL);
    const env = { HOURGLASS_DB: proxy.url, HOURGLASS_PG_SCHEMA: shared.schema };
    const workers = await Promise.all([0, 1].map(() => startServerProcess(env, { main: inject('serverMain') })));
    try {
      const half = requests.length / 2;
      const first = Promise.all(requests.slice(0, half).map((events) => send(workers, events)));
      await pause(300);
      // The restart: every connection closed mid-load, none accepted for a second and a half.
      await proxy.down();
      await pause(1500);
      await proxy.up();
      await first;
      await Promise.all(requests.slice(half).map((events) => send(workers, events)));
      await settled(workers);
      const got = timeless(await outcome(shared.pool));
      for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
        const differing = expected[key].filter((row, i) => JSON.stringify(row) !== JSON.stringify(got[key][i]));
        expect({ key, differing: differing.slice(0, 3), count: got[key].length }).toEqual({ key, differing: [], count: expected[key].length });
      }
      const twice = await shared.pool.query('SELECT contact_id, node FROM emails GROUP BY 1, 2 HAVING count(*) > 1 LIMIT 5');
      expect(twice.rows).toEqual([]);
      // Each worker said what happened, one line each time, and tried again.
      const lines = workers.flatMap((w) => w.log().split('\n')).filter((l) => l.includes('Trying again'));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((l) => l.startsWith('hourglass: '))).toBe(true);
    } finally {
      for (const w of workers) await w.stop();
      await proxy.close();
    }
  }, 300_000);

  it('stop at once with one line naming the problem when the connection string names no database or user there is', async () => {
    const base = new URL(TEST_PG_URL);
    const noDatabase = Object.assign(new URL(base), { pathname: '/hg_no_such_database' }).toString();
    const noUser = Object.assign(new URL(base), { username: 'hg_no_such_user' }).toString();
    for (const [url, problem] of [
      [noDatabase, /the database does not exist/],
      [noUser, /hg_no_such_user/],
    ] as const) {
      const failed = await startServerProcess({ HOURGLASS_DB: url }, { main: inject('serverMain') }).then(
        async (w) => (await w.stop(), 'started'),
        (e: Error) => e.message,
      );
      const [head, ...output] = failed.split('\n').filter(Boolean);
      expect(head).toBe('The server exited with 1:');
      expect(output).toHaveLength(1);
      expect(output[0]).toMatch(problem);
      expect(output[0]).toMatch(/HOURGLASS_DB/);
    }
  }, 60_000);
});
