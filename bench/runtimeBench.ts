// runtime.*: the whitepaper flow run for real by the server's Runtime, durable in SQLite, in
// this process, next to the limit of the store on this machine (better-sqlite3 inserting the
// same number of rows in batched transactions).
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resourceUsage } from 'node:process';
import { openDatabase } from '../apps/server/src/db/openDatabase.ts';
import { ManualClock } from '../apps/server/src/clock.ts';
import { Runtime } from '../apps/server/src/runtime.ts';
import { measureFlowReport } from './reportBench.ts';
import { whitepaper } from './engineBench.ts';
import type { BenchContext, Results } from './harness.ts';

const DAY = 86_400_000;
const batch = 1000;

export function runtimeBench(ctx: BenchContext): Results {
  const contacts = Number(process.env.BENCH_CONTACTS) || (ctx.quick ? 100_000 : 1_000_000);
  const tenth = Math.max(batch, Math.round(contacts / 10 / batch) * batch);
  const dir = mkdtempSync(join(tmpdir(), 'hourglass-bench-'));
  try {
    const { flow, scoring } = whitepaper();
    const db = openDatabase(join(dir, 'bench.db'));
    const t0 = Date.parse('2026-03-02T08:00:00Z');
    const clock = new ManualClock(t0);
    const runtime = new Runtime({ db, clock, log: () => {} });
    runtime.workspace.setScoring(scoring);
    runtime.workspace.saveDraft(flow.id, flow as unknown as Record<string, unknown>);
    const published = runtime.workspace.publish(flow.id, 'bench');
    if (!published?.published) throw new Error('could not publish the whitepaper flow');

    const steps = () => (db.prepare('SELECT count(*) AS n FROM steps').get() as { n: number }).n;
    const send = (type: string, data: Record<string, string>, pick: (i: number) => boolean, tag: string) => {
      for (let from = 0; from < contacts; from += batch) {
        const events = [];
        for (let i = from; i < Math.min(contacts, from + batch); i++) {
          if (pick(i))
            events.push({
              id: `${tag}-${i}`,
              contactId: `c${i}`,
              type,
              data,
              properties: i % 4 === 0 ? { employees: 120, industry: 'software', country: 'AT', firstName: 'Ann' } : { firstName: 'Ben' },
            });
        }
        if (events.length) {
          // The server's one way in: accepted into the inbox, then processed in slices of a batch.
          const [accepted] = runtime.accept([events]);
          if (accepted instanceof Error) throw accepted;
          while (runtime.processInbox(batch) > 0);
        }
        if (from % tenth === 0 && from) ctx.log(`runtime: ${tag} ${from} of ${contacts}`);
      }
    };

    ctx.log(`runtime: enrolling ${contacts} contacts`);
    const start = performance.now();
    send('form_submitted', { form: 'whitepaper' }, () => true, 'signup');
    clock.set(t0 + DAY);
    send('email_clicked', { email: 'welcome' }, (i) => i % 2 === 0, 'click');
    const eventsDone = performance.now();
    // The other half waits: timeouts on day 3, the four-day wait on day 7.
    clock.set(t0 + 8 * DAY);
    const timerStart = performance.now();
    let fired = 0;
    for (let slice; (slice = runtime.fireDueTimers(clock.now(), tenth)) > 0;) {
      fired += slice;
      ctx.log(`runtime: ${fired} timers fired`);
    }
    const end = performance.now();
    const transitions = steps();
    const seconds = (end - start) / 1000;
    const ended = (db.prepare("SELECT count(*) AS n FROM enrolments WHERE status != 'active'").get() as { n: number }).n;
    if (ended !== contacts) throw new Error(`only ${ended} of ${contacts} enrolments ended`);
    ctx.log(`runtime: ${transitions} transitions in ${seconds.toFixed(1)} s (${((eventsDone - start) / 1000).toFixed(1)} s of events)`);

    const report = measureFlowReport(db, flow.id, contacts);

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
      for (let i = from; i < to; i++) insert.run(`0d9b1b2e-7f4c-4c4e-9c1a-${String(i).padStart(12, '0')}`, t0 + i, 'case-study', 'sendEmail', null);
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
      'runtime.timersFiredPerSec': { value: fired / ((end - timerStart) / 1000), unit: 'timers/s', note: `${fired} timers` },
      'runtime.bytesPerEnrolment': { value: bytes / contacts, unit: 'bytes', note: `${contacts} enrolments with steps, events, outbox` },
      'runtime.peakRssMiB': { value: peakRss, unit: 'MiB', note: `${contacts} enrolments` },
      ...report,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
