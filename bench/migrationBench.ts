// migration.*: moving every contact of a live flow to a new version through the server's Runtime
// (slices in the inbox's line, one transaction each, durable in SQLite), in this process: a new
// version with a changed email (contacts keep their wait as it is), one whose wait changed too
// (every wait entered again and its deadline computed from when the contact entered it), and a
// preview's time (counts per node and 20 contacts simulated forward both ways).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../apps/server/src/db/openDatabase.ts';
import { ManualClock } from '../apps/server/src/clock.ts';
import { Runtime } from '../apps/server/src/runtime.ts';
import { fillWaiting } from '../test/waitingContacts.ts';
import type { BenchContext, Results } from './harness.ts';

/** The CPU time (user and system) this process used since `since`, in seconds. */
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

/** On a shared machine the pace per second of CPU time is steadier than the rate: both are in the note. */
const cpuNote = (r: { perCpuSec: number; signupsPerCpuSec: number }) =>
  `; per second of CPU time ${Math.round(r.perCpuSec)} against ${Math.round(r.signupsPerCpuSec)} signups (${(r.perCpuSec / r.signupsPerCpuSec).toFixed(2)} ×)`;

/** Moves `contacts` waiting contacts from version 1 to 2; answers contacts moved per second and the preview's time. */
async function measure(ctx: BenchContext, dir: string, contacts: number, longerWait: boolean) {
  const db = openDatabase(join(dir, `bench-${longerWait}.db`));
  const clock = new ManualClock(Date.parse('2026-03-02T08:00:00Z'));
  const runtime = new Runtime({ db, clock, log: () => {} });
  ctx.log(`migration: ${contacts} contacts entering version 1`);
  const fillStart = performance.now();
  const fillCpu = process.cpuUsage();
  fillWaiting(runtime, contacts, { longerWait, log: (line) => ctx.log(`migration: ${line}`) });
  // The same machine's pace for one input (a signup through the inbox: its steps, email and timer), for the ratio.
  const signupsPerSec = contacts / ((performance.now() - fillStart) / 1000);
  const signupsPerCpuSec = contacts / cpuSeconds(fillCpu);
  clock.set(clock.now() + 3_600_000);
  const body = { from: 1, to: 2, unmapped: 'stay' as const };
  const previewStart = performance.now();
  const preview = await runtime.migrations.preview('welcome', body);
  const previewMs = performance.now() - previewStart;
  if (preview.sample.length !== 20) throw new Error(`the preview simulated ${preview.sample.length} contacts, not 20`);
  ctx.log(`migration: moving ${contacts} contacts to version 2${longerWait ? ' (longer wait)' : ''}`);
  const start = performance.now();
  const cpu = process.cpuUsage();
  const done = await runtime.migrations.start('welcome', body);
  const perSec = contacts / ((performance.now() - start) / 1000);
  const perCpuSec = contacts / cpuSeconds(cpu);
  if (done.moved !== contacts) throw new Error(`the migration moved ${done.moved} of ${contacts} contacts (${done.status})`);
  db.close();
  return { perSec, previewMs, signupsPerSec, perCpuSec, signupsPerCpuSec };
}

export async function migrationBench(ctx: BenchContext): Promise<Results> {
  const contacts = Number(process.env.BENCH_CONTACTS) || (ctx.quick ? 100_000 : 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'hourglass-bench-'));
  try {
    const same = await measure(ctx, dir, contacts, false);
    const changed = await measure(ctx, dir, contacts, true);
    return {
      'migration.enrolmentsPerSec': {
        value: same.perSec,
        unit: 'enrolments/s',
        baseline: same.signupsPerSec,
        ratio: same.perSec / same.signupsPerSec,
        target: '≥ 20,000',
        note: `${contacts} waiting contacts moved to a version with another email (their wait kept as it is), slices of 2,000 in line, durable; baseline: signups/s through the inbox in the same run${cpuNote(same)}`,
      },
      'migration.changedWaitPerSec': {
        value: changed.perSec,
        unit: 'enrolments/s',
        baseline: changed.signupsPerSec,
        ratio: changed.perSec / changed.signupsPerSec,
        note: `the same, to a version whose wait changed: each wait entered again, its deadline computed from the contact's entry${cpuNote(changed)}`,
      },
      'migration.previewMs': { value: same.previewMs, unit: 'ms', note: `counts per node and 20 contacts simulated 90 days both ways, of ${contacts}` },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
