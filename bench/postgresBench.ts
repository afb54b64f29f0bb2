// postgres.*: the whitepaper flow run by PostgreSQL workers (apps/server/src/pg), one process
// per worker, on the local PostgreSQL, next to that PostgreSQL's own batched insert rate.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Pool } from 'pg';
import { createTestSchema, type TestSchema } from '../apps/server/src/pg/pgTestSchema.ts';
import { PgWorker } from '../apps/server/src/pg/pgWorker.ts';
import { pgPublish } from '../apps/server/src/pg/pgWorkspace.ts';
import { whitepaper } from './engineBench.ts';
import type { BenchContext, Results } from './harness.ts';

const DAY = 86_400_000;
const BATCH = 1000;

interface WorkerProcess {
  child: ChildProcess;
  next: () => Promise<string>;
}

function startWorker(schema: TestSchema): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./pgBenchWorker.ts', import.meta.url)), schema.url, schema.schema], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error('a bench worker exited');
    return value as string;
  };
  return next().then(() => ({ child, next }));
}

/** Accepts one event per contact picked, in requests of BATCH, into the shared inbox. */
async function accept(pool: Pool, contacts: number, type: string, data: Record<string, string>, pick: (i: number) => boolean, at: number) {
  const intake = new PgWorker({ pool, now: () => at, log: () => {} });
  for (let from = 0; from < contacts; from += BATCH) {
    const events = [];
    for (let i = from; i < Math.min(contacts, from + BATCH); i++) {
      if (pick(i)) events.push({ id: `${type}-${i}`, contactId: `c${i}`, type, data, properties: { firstName: i % 4 ? 'Ben' : 'Ann' } });
    }
    if (events.length) await intake.accept(events);
  }
}

/** Runs the load on `n` worker processes; returns transitions (steps written) per second of work. */
async function measure(schema: TestSchema, n: number, contacts: number, ctx: BenchContext): Promise<number> {
  await schema.truncate();
  const { flow, scoring } = whitepaper();
  await pgPublish.scoring(schema.pool, scoring);
  await pgPublish.flow(schema.pool, flow, 'bench', Date.parse('2026-03-02T08:00:00Z'));
  const workers = await Promise.all(Array.from({ length: n }, () => startWorker(schema)));
  try {
    const t0 = Date.parse('2026-03-02T08:00:00Z');
    let working = 0;
    // Each phase: the events wait in the inbox, then the workers are timed working them off.
    const phase = async (at: number) => {
      const start = performance.now();
      for (const w of workers) w.child.stdin!.write(`go ${at}\n`);
      await Promise.all(workers.map((w) => w.next()));
      working += performance.now() - start;
    };
    await accept(schema.pool, contacts, 'form_submitted', { form: 'whitepaper' }, () => true, t0);
    await phase(t0);
    await accept(schema.pool, contacts, 'email_clicked', { email: 'welcome' }, (i) => i % 2 === 0, t0 + DAY);
    await phase(t0 + DAY);
    // The other half waits: timeouts on day 3, the four-day wait on day 7.
    await phase(t0 + 8 * DAY);
    const { rows } = await schema.pool.query<{ steps: number; ended: number }>(
      "SELECT (SELECT count(*)::int FROM steps) AS steps, (SELECT count(*)::int FROM enrolments WHERE status <> 'active') AS ended",
    );
    if (rows[0]!.ended !== contacts) throw new Error(`only ${rows[0]!.ended} of ${contacts} enrolments ended`);
    ctx.log(`postgres: ${n} worker(s): ${rows[0]!.steps} transitions in ${(working / 1000).toFixed(1)} s`);
    return rows[0]!.steps / (working / 1000);
  } finally {
    for (const w of workers) w.child.stdin!.end();
  }
}

/** PostgreSQL's own rate on this machine: rows like the steps, 1,000 per committed INSERT, one connection. */
async function rawInsertRate(pool: Pool, rows: number): Promise<number> {
  await pool.query('CREATE TABLE raw (n bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, enrolment_id text, at bigint, node text, type text, port text)');
  const ids = Array.from({ length: BATCH }, (_, i) => `e${i}`);
  const start = performance.now();
  for (let done = 0; done < rows; done += BATCH) {
    await pool.query(
      'INSERT INTO raw (enrolment_id, at, node, type, port) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[])',
      [ids, ids.map((_, i) => done + i), ids.map(() => 'welcome'), ids.map(() => 'sendEmail'), ids.map(() => 'out')],
    );
  }
  return rows / ((performance.now() - start) / 1000);
}

export async function postgresBench(ctx: BenchContext): Promise<Results> {
  const contacts = Number(process.env.BENCH_PG_CONTACTS) || (ctx.quick ? 20_000 : 100_000);
  let schema: TestSchema;
  try {
    schema = await createTestSchema();
  } catch (e) {
    ctx.log(`postgres: skipped: ${(e as Error).message}`);
    return {};
  }
  try {
    const one = await measure(schema, 1, contacts, ctx);
    const two = await measure(schema, 2, contacts, ctx);
    const raw = await rawInsertRate(schema.pool, Math.min(200_000, contacts * 5));
    return {
      'postgres.durableTransitionsPerSec': {
        value: two,
        unit: 'transitions/s',
        baseline: raw,
        ratio: two / raw,
        target: '≥ 10,000',
        note: `2 worker processes, ${contacts} contacts; baseline: PostgreSQL's batched inserts`,
      },
      'postgres.oneWorkerTransitionsPerSec': {
        value: one,
        unit: 'transitions/s',
        baseline: raw,
        ratio: one / raw,
        note: `1 worker process, ${contacts} contacts`,
      },
      'postgres.twoWorkersOverOne': {
        value: two / one,
        unit: '×',
        target: '≥ 1.5 when the database is not the bottleneck',
        note: '2 cores for workers and PostgreSQL',
      },
      'postgres.rawInsertPerSec': { value: raw, unit: 'rows/s', note: 'batches of 1,000 rows, one connection' },
    };
  } finally {
    await schema.drop();
  }
}
