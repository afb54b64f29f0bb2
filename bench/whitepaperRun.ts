// The runtime suite's durable workload: the whitepaper flow run for real by the server's Runtime,
// in SQLite, for `contacts` contacts (each signs up, half click, the rest wait for their timers).
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../apps/server/src/db/openDatabase.ts';
import { ManualClock } from '../apps/server/src/clock.ts';
import { Runtime } from '../apps/server/src/runtime.ts';
import { whitepaper } from './engineBench.ts';

const DAY = 86_400_000;
export const BATCH = 1000;

export interface WhitepaperRun {
  db: Database;
  flowId: string;
  /** Steps written (transitions). */
  transitions: number;
  timersFired: number;
  /** From the first signup to the last timer fired, and the part of it the events took, and the timers'. */
  ms: number;
  /** The CPU time (user and system) of this process over `ms`: on a shared machine steadier than the time. */
  cpuMs: number;
  eventsMs: number;
  timersMs: number;
}

/**
 * Drives `contacts` contacts through the whitepaper flow in a new database in `dir` and leaves it
 * open (the caller closes it). `reportCounters: false` is the benchmark's switch that measures
 * what the report's counters cost; `trackedClicks` sends the clicks as the server's click
 * tracking records them (naming the flow).
 */
export function runWhitepaper(
  dir: string,
  name: string,
  contacts: number,
  { reportCounters = true, trackedClicks = false, log = () => {} }: { reportCounters?: boolean; trackedClicks?: boolean; log?: (line: string) => void } = {},
): WhitepaperRun {
  const tenth = Math.max(BATCH, Math.round(contacts / 10 / BATCH) * BATCH);
  const { flow, scoring } = whitepaper();
  const db = openDatabase(join(dir, name));
  const t0 = Date.parse('2026-03-02T08:00:00Z');
  const clock = new ManualClock(t0);
  const runtime = new Runtime({ db, clock, log: () => {}, reportCounters });
  runtime.workspace.setScoring(scoring);
  runtime.workspace.saveDraft(flow.id, flow as unknown as Record<string, unknown>);
  const published = runtime.workspace.publish(flow.id, 'bench');
  if (!published?.published) throw new Error('could not publish the whitepaper flow');

  const send = (type: string, data: Record<string, string>, pick: (i: number) => boolean, tag: string) => {
    for (let from = 0; from < contacts; from += BATCH) {
      const events = [];
      for (let i = from; i < Math.min(contacts, from + BATCH); i++) {
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
        while (runtime.processInbox(BATCH) > 0);
      }
      if (from % tenth === 0 && from) log(`${tag} ${from} of ${contacts}`);
    }
  };

  const start = performance.now();
  const cpu = process.cpuUsage();
  send('form_submitted', { form: 'whitepaper' }, () => true, 'signup');
  clock.set(t0 + DAY);
  // A click the server tracked names the flow too, and then counts for its report (reportCounter.ts).
  send('email_clicked', trackedClicks ? { email: 'welcome', flow: flow.id } : { email: 'welcome' }, (i) => i % 2 === 0, 'click');
  const eventsDone = performance.now();
  // The other half waits: timeouts on day 3, the four-day wait on day 7.
  clock.set(t0 + 8 * DAY);
  let fired = 0;
  for (let slice; (slice = runtime.fireDueTimers(clock.now(), tenth)) > 0;) {
    fired += slice;
    log(`${fired} timers fired`);
  }
  const end = performance.now();
  const used = process.cpuUsage(cpu);
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const ended = count("SELECT count(*) AS n FROM enrolments WHERE status != 'active'");
  if (ended !== contacts) throw new Error(`only ${ended} of ${contacts} enrolments ended`);
  return {
    db,
    flowId: flow.id,
    transitions: count('SELECT count(*) AS n FROM steps'),
    timersFired: fired,
    ms: end - start,
    cpuMs: (used.user + used.system) / 1000,
    eventsMs: eventsDone - start,
    timersMs: end - eventsDone,
  };
}
