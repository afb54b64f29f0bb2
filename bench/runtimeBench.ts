// runtime.*: the whitepaper flow run for real by the server's Runtime, durable in SQLite, in
// this process, next to the limit of the store on this machine (better-sqlite3 inserting the
// same number of rows in batched transactions); and what the report's counters cost that path.
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resourceUsage } from 'node:process';
import { openDatabase } from '../apps/server/src/db/openDatabase.ts';
import { measureFlowReport } from './reportBench.ts';
import { measureReportCountersCost } from './reportCountersCost.ts';
import { BATCH as batch, runWhitepaper } from './whitepaperRun.ts';
import type { BenchContext, Results } from './harness.ts';

export function runtimeBench(ctx: BenchContext): Results {
  const contacts = Number(process.env.BENCH_CONTACTS) || (ctx.quick ? 100_000 : 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'hourglass-bench-'));
  try {
    ctx.log(`runtime: enrolling ${contacts} contacts`);
    const run = runWhitepaper(dir, 'bench.db', contacts, { log: (line) => ctx.log(`runtime: ${line}`) });
    const { db, transitions, timersFired: fired } = run;
    const seconds = run.ms / 1000;
    ctx.log(`runtime: ${transitions} transitions in ${seconds.toFixed(1)} s (${(run.eventsMs / 1000).toFixed(1)} s of events)`);

    const report = measureFlowReport(db, run.flowId, contacts);

    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const file = join(dir, 'bench.db');
    const bytes = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
    const peakRss = resourceUsage().maxRSS / 1024;

    ctx.log('runtime: raw batched inserts');
    const raw = openDatabase(join(dir, 'raw.db'));
    raw.exec('CREATE TABLE raw (n INTEGER PRIMARY KEY, enrolment_id TEXT, at INTEGER, node TEXT, type TEXT, port TEXT)');
    const insert = raw.prepare('INSERT INTO raw (enrolment_id, at, node, type, port) VALUES (?, ?, ?, ?, ?)');
    const many = raw.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++)
        insert.run(`0d9b1b2e-7f4c-4c4e-9c1a-${String(i).padStart(12, '0')}`, Date.parse('2026-03-02T08:00:00Z') + i, 'case-study', 'sendEmail', null);
    });
    const rawStart = performance.now();
    for (let from = 0; from < transitions; from += batch) many(from, Math.min(transitions, from + batch));
    const rawPerSec = transitions / ((performance.now() - rawStart) / 1000);
    raw.close();

    const perSec = transitions / seconds;
    return {
      'runtime.durableTransitionsPerSec': {
        value: perSec,
        unit: 'transitions/s',
        baseline: rawPerSec,
        ratio: perSec / rawPerSec,
        note: `${contacts} contacts driven to the end`,
      },
      'runtime.rawInsertPerSec': { value: rawPerSec, unit: 'rows/s', note: 'batches of 1,000 rows' },
      'runtime.timersFiredPerSec': { value: fired / (run.timersMs / 1000), unit: 'timers/s', note: `${fired} timers` },
      'runtime.bytesPerEnrolment': { value: bytes / contacts, unit: 'bytes', note: `${contacts} enrolments with steps, events, outbox` },
      'runtime.peakRssMiB': { value: peakRss, unit: 'MiB', note: `${contacts} enrolments` },
      ...report,
      // Pairs of a tenth of the contacts (at most 20,000 each), with the report's counters and without.
      ...measureReportCountersCost(ctx, dir, Math.min(20_000, Math.max(batch, Math.round(contacts / 10 / batch) * batch))),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
