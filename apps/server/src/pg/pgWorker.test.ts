import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { durationMs, readFlow, readScenario, readScoring, type Flow, type Scenario, type ScoringModel } from '@hourglass/documents';
import { buildTrace, scenarioInstant } from '@hourglass/engine';
import type { EventInput } from '@hourglass/api';
import { normaliseTrace } from '../../../../test/cliRunner.ts';
import { fixturePath, readFixture, scenarioCases } from '../../../../test/fixtures.ts';
import { createPool } from './pgPool.ts';
import type { TestSchema } from './pgTestSchema.ts';
import { PgWorker } from './pgWorker.ts';
import { pgPublish } from './pgWorkspace.ts';
import { SyncPgStore, type SyncPg } from './syncPgStore.ts';
import { useSyncPgSchema } from './useSyncPgSchema.ts';

let schema: TestSchema;
let db: SyncPg;
useSyncPgSchema((made) => ({ schema, db } = made));

const read = (f: string) => JSON.parse(readFileSync(f, 'utf8'));

/** Runs batches until a worker finds nothing to do. */
async function settle(worker: PgWorker) {
  while ((await worker.runBatch()) > 0);
}

/** Runs batches until a command sent is applied (its row may not be committed when the first batch looks). */
async function applied<T>(worker: PgWorker, sent: Promise<T>): Promise<T> {
  let done = false;
  void sent.finally(() => (done = true));
  while (!done) if ((await worker.runBatch()) === 0) await new Promise((r) => setTimeout(r, 5));
  return sent;
}

/** Replays a scenario through one worker with a manual clock, as test/server-conformance.test.ts does through the API. */
async function replay(flow: Flow, scenario: Scenario, scoring: ScoringModel | undefined) {
  const start = Date.parse(scenario.start);
  const end = start + durationMs(scenario.horizon);
  let now = start;
  const worker = new PgWorker({ pool: schema.pool, now: () => now, log: () => {} });
  await worker.heartbeat();
  if (scoring) await pgPublish.scoring(schema.pool, scoring);
  await pgPublish.flow(schema.pool, flow, null, start);
  const { id, score: _score, ...contact } = scenario.contact;
  expect(await applied(worker, worker.send({ kind: 'contactUpdate', contactId: id, changes: contact }))).toMatchObject({ created: true });
  if (scenario.enrol) expect(await applied(worker, worker.send({ kind: 'enrol', contactId: id, flowId: flow.id }))).toMatchObject({ enrolled: true });
  const events = scenario.events.map((e, i) => ({ e, i, at: scenarioInstant(e.at, start) })).sort((a, b) => a.at - b.at || a.i - b.i);
  for (const [n, { e, at }] of events.entries()) {
    if (at > end) continue;
    now = at;
    await worker.accept([{ id: `event-${n}`, contactId: id, type: e.type, data: e.data, properties: e.properties, stage: e.stage }]);
    await settle(worker);
  }
  now = end;
  await settle(worker);
  return buildTrace(new SyncPgStore(db), flow, id, end, scoring);
}

describe('PgWorker', () => {
  it.each(scenarioCases())('replays $name through a worker on PostgreSQL to its expected trace', async ({ dir, base }) => {
    await schema.truncate();
    const named = join(dir, `${base.split('.')[0]}.flow.json`);
    const flow = readFlow(read(existsSync(named) ? named : join(dir, 'flow.json'))).value!;
    const scenario = readScenario(read(join(dir, `${base}.scenario.json`))).value!;
    const scoring = existsSync(join(dir, 'scoring.json')) ? readScoring(read(join(dir, 'scoring.json'))).value : undefined;
    const trace = await replay(flow, scenario, scoring);
    expect(normaliseTrace(trace)).toEqual(normaliseTrace(read(join(dir, `${base}.expected.json`))));
  });

  /** What every contact has after the run, without ids or instants of processing. */
  async function outcome() {
    const q = async (text: string) => (await schema.pool.query(text)).rows;
    return {
      events: await q("SELECT contact_id, string_agg(type || ':' || data, ',' ORDER BY seq) AS events FROM events GROUP BY 1 ORDER BY 1"),
      enrolments: await q('SELECT contact_id, flow_id, status, position, timers::jsonb - 0 IS NULL AS none FROM enrolments ORDER BY 1, 2'),
      steps: await q(
        "SELECT e.contact_id, string_agg(s.node || '>' || coalesce(s.port, ''), ',' ORDER BY s.n) AS steps FROM steps s JOIN enrolments e ON e.id = s.enrolment_id GROUP BY 1 ORDER BY 1",
      ),
      emails: await q("SELECT contact_id, string_agg(node || ':' || subject, ',' ORDER BY n) AS emails, count(*) AS n FROM emails GROUP BY 1 ORDER BY 1"),
      inbox: await q('SELECT count(*) AS n FROM inbox'),
      // The flow report's counters, written by whichever worker applied each input.
      counts: await q(
        'SELECT version, kind, node, port, sum(count)::int AS n FROM report_counts GROUP BY 1, 2, 3, 4 HAVING sum(count) <> 0 ORDER BY 1, 2, 3, 4',
      ),
    };
  }

  /** A load of contacts each downloading the whitepaper and clicking, sent to the workers in turn, then 4 days for the timers. */
  async function load(workers: PgWorker[], clock: { now: number }, contacts: number) {
    await pgPublish.flow(schema.pool, readFlow(readFixture('whitepaper-nurture', 'flow.json')).value!, null, clock.now);
    await pgPublish.scoring(schema.pool, readScoring(JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'scoring.json'), 'utf8'))).value!);
    const start = clock.now;
    for (let i = 0; i < contacts; i++) {
      const contactId = `c${i}`;
      const events: EventInput[] = [
        { id: `${contactId}-form`, contactId, type: 'form_submitted', data: { form: 'whitepaper' }, properties: { firstName: `N${i}` } },
        // Every third contact clicks; every fifth sends its click twice (a client's retry).
        ...(i % 3 === 0 ? [{ id: `${contactId}-click`, contactId, type: 'email_clicked', data: { email: 'welcome' } }] : []),
        ...(i % 15 === 0 ? [{ id: `${contactId}-click`, contactId, type: 'email_clicked', data: { email: 'welcome' } }] : []),
      ];
      await workers[i % workers.length]!.accept(events);
    }
    await Promise.all(workers.map(settle));
    clock.now = start + 4 * 86_400_000;
    await Promise.all(workers.map(settle));
  }

  it('gives with two workers sharing the contacts exactly what one worker gives, every input applied once and in order', async () => {
    const clock = { now: Date.parse('2026-01-05T09:00:00Z') };
    await schema.truncate();
    const one = new PgWorker({ pool: schema.pool, now: () => clock.now, log: () => {} });
    await load([one], clock, 120);
    const single = await outcome();
    expect(single.inbox).toEqual([{ n: 0 }]);
    expect(single.emails.length).toBe(120);
    expect(single.counts).toContainEqual({ version: 1, kind: 'enrolled', node: '', port: '', n: 120 });

    await schema.truncate();
    clock.now = Date.parse('2026-01-05T09:00:00Z');
    const pools = [createPool(schema.url, { schema: schema.schema, max: 2 }), createPool(schema.url, { schema: schema.schema, max: 2 })];
    try {
      // Small batches, so the two workers interleave on the same contacts' lines.
      const workers = pools.map((pool) => new PgWorker({ pool, now: () => clock.now, log: () => {}, batchContacts: 8 }));
      await load(workers, clock, 120);
      expect(await outcome()).toEqual(single);
      expect(workers.every((w) => w.applied > 0)).toBe(true);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('goes on where the committed state is when its connections are cut mid-load, applying every event once', async () => {
    await schema.truncate();
    const pool = createPool(schema.url, { schema: schema.schema, max: 2, applicationName: 'hg-cut-test' });
    const lines: string[] = [];
    const worker = new PgWorker({ pool, log: (l) => lines.push(l), batchContacts: 8, url: schema.url });
    try {
      await pgPublish.flow(schema.pool, readFlow(readFixture('whitepaper-nurture', 'flow.json')).value!, null, Date.now());
      for (let b = 0; b < 20; b++)
        await worker.accept(
          Array.from({ length: 100 }, (_, i): EventInput => ({
            id: `e${b}-${i}`,
            contactId: `c${b * 100 + i}`,
            type: 'form_submitted',
            data: { form: 'whitepaper' },
          })),
        );
      await worker.start();
      // What a database restart does to a worker: the connections it has are closed under it,
      // again and again until one was in use (the worker then says so in a line), and twice more.
      for (let cut = 0, after = 0; after < 2 && cut < 400; cut++) {
        await schema.pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hg-cut-test'");
        if (lines.length) after++;
        await new Promise((r) => setTimeout(r, 25));
      }
      for (;;) {
        const { rows } = await schema.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox');
        if (rows[0]!.n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await worker.stop();
      await pool.end();
    }
    const counts = await schema.pool.query(
      'SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(DISTINCT contact_id)::int FROM emails) AS emailed, (SELECT count(*)::int FROM emails) AS emails',
    );
    expect(counts.rows).toEqual([{ events: 2000, emailed: 2000, emails: 2000 }]);
    // The worker said what happened in a line: the cut itself ("terminating connection …") or,
    // when the cut hit a client between two queries, pg's "… not queryable"; both are the same
    // one-line problem.
    expect(lines.some((l) => /^hourglass: worker .*PostgreSQL at .* cannot be reached: .*Trying again in/.test(l))).toBe(true);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });

  it('wakes from its sleep when another worker accepts an event, told by NOTIFY rather than by polling', async () => {
    await schema.truncate();
    await pgPublish.flow(schema.pool, readFlow(readFixture('whitepaper-nurture', 'flow.json')).value!, null, Date.now());
    const pool = createPool(schema.url, { schema: schema.schema, max: 3 });
    // Ten minutes without polling: only a notification wakes it within the test's time.
    const sleeper = new PgWorker({ pool, log: () => {}, idleMs: 600_000, sleepMs: 600_000 });
    const other = new PgWorker({ pool: schema.pool, log: () => {} });
    try {
      await sleeper.start();
      while (sleeper.batches === 0) await new Promise((r) => setTimeout(r, 10));
      await other.accept([{ id: 'e1', contactId: 'c1', type: 'form_submitted', data: { form: 'whitepaper' } }]);
      while (sleeper.applied === 0) await new Promise((r) => setTimeout(r, 10));
      expect((await schema.pool.query('SELECT count(*)::int AS n FROM emails')).rows).toEqual([{ n: 1 }]);
    } finally {
      await sleeper.stop();
      await pool.end();
    }
  }, 20_000);
});
