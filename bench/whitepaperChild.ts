// One run of the runtime suite's durable workload in a process of its own (reportCountersCost.ts
// starts it): each run of a pair then starts from a fresh heap and a cold JIT alike, instead of
// inheriting what the runs before it left in one process.
// Arguments: DIR NAME CONTACTS on|off. Prints one JSON line: transitions, ms, cpuMs, counters.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runWhitepaper } from './whitepaperRun.ts';

const [dir, name, contacts, switched] = process.argv.slice(2);
if (!dir || !name || !contacts || (switched !== 'on' && switched !== 'off')) throw new Error('usage: whitepaperChild.ts DIR NAME CONTACTS on|off');
const run = runWhitepaper(dir, name, Number(contacts), { reportCounters: switched === 'on', trackedClicks: true });
const counters = (run.db.prepare('SELECT count(*) AS n FROM report_counts').get() as { n: number }).n;
run.db.close();
for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, name + suffix), { force: true });
process.stdout.write(JSON.stringify({ transitions: run.transitions, ms: run.ms, cpuMs: run.cpuMs, counters }) + '\n');
