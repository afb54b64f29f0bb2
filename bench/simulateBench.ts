// simulate.contactsPerSec: a forecast on the command line, start-up included, as a user runs it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchContext, Results } from './harness.ts';

export function simulateBench(ctx: BenchContext): Results {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const contacts = ctx.quick ? 20_000 : 100_000;
  ctx.log(`simulate: hourglass forecast of ${contacts} contacts`);
  const start = performance.now();
  const r = spawnSync(
    `${root}node_modules/.bin/hourglass`,
    ['forecast', 'test/fixtures/examples/whitepaper-nurture/flow.json', '--contacts', String(contacts), '--seed', '1', '--json'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
  );
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`hourglass forecast failed: ${r.stderr}`);
  const doc = JSON.parse(r.stdout);
  if (doc.contacts !== contacts) throw new Error('the forecast did not count every contact');
  return { 'simulate.contactsPerSec': { value: contacts / seconds, unit: 'contacts/s', note: `${contacts} contacts in ${seconds.toFixed(1)} s` } };
}
