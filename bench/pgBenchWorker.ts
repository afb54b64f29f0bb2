// One PostgreSQL worker process for bench/postgresBench.ts: says "ready", waits for "go <now>"
// on stdin, works until it finds nothing to do, prints what it applied, and waits for the next "go".
import { createInterface } from 'node:readline';
import { createPool } from '../apps/server/src/pg/pgPool.ts';
import { PgWorker } from '../apps/server/src/pg/pgWorker.ts';

const [url, schema] = process.argv.slice(2) as [string, string];
const pool = createPool(url, { schema, max: 2 });
let now = 0;
const worker = new PgWorker({ pool, now: () => now, log: (m) => process.stderr.write(`${m}\n`) });
await worker.heartbeat();
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  const [command, at] = line.split(' ');
  if (command !== 'go') break;
  now = Number(at);
  let applied = 0;
  // Another worker may hold the last contacts: idle twice in a row before saying done.
  for (let idle = 0; idle < 2;) {
    const n = await worker.runBatch();
    applied += n;
    idle = n === 0 ? idle + 1 : 0;
    if (n === 0) await new Promise((r) => setTimeout(r, 20));
  }
  process.stdout.write(`done ${applied}\n`);
}
await pool.end();
