// npm run bench [-- --quick] [--only SUITE,...]: measures the engine, the runtime and the editor in one run, prints a
// table and writes bench/results/latest.json. Nothing in `npm test` asserts a time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { engineBench } from './engineBench.ts';
import { simulateBench } from './simulateBench.ts';
import { runtimeBench } from './runtimeBench.ts';
import { historyBench } from './historyBench.ts';
import { httpBench } from './httpBench.ts';
import { contactsBench } from './contactsBench.ts';
import { emailBench } from './emailBench.ts';
import { editorBench } from './editorBench.ts';
import { postgresBench } from './postgresBench.ts';
import { migrationBench } from './migrationBench.ts';
import { machine, table, type BenchContext, type Results } from './harness.ts';

const quick = process.argv.includes('--quick');
// --only runtime,http runs just the suites named (the JSON then holds only their results).
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? (process.argv[onlyAt + 1] ?? '').split(',') : undefined;
const ctx: BenchContext = { quick, log: (line) => process.stderr.write(`bench: ${line}\n`) };
const suites: [string, (c: BenchContext) => Results | Promise<Results>][] = [
  // The runtime first, so its peak RSS is not the other suites' heap.
  ['runtime', runtimeBench],
  ['history', historyBench],
  ['engine', engineBench],
  ['http', httpBench],
  ['contacts', contactsBench],
  ['email', emailBench],
  ['migration', migrationBench],
  ['simulate', simulateBench],
  ['editor', editorBench],
  // The PostgreSQL workers (skipped, saying why, when the local PostgreSQL cannot be reached).
  ['postgres', postgresBench],
];

const results: Results = {};
for (const [name, suite] of suites) {
  if (only && !only.includes(name)) continue;
  const start = performance.now();
  try {
    Object.assign(results, await suite(ctx));
    ctx.log(`${name} took ${((performance.now() - start) / 1000).toFixed(1)} s`);
  } catch (e) {
    ctx.log(`${name} failed: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
const doc = { machine: machine(), quick, at: new Date().toISOString(), results };
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), JSON.stringify(doc, null, 2) + '\n');
console.log(`Machine: ${doc.machine.cpus} × ${doc.machine.cpuModel}, ${doc.machine.memoryGiB} GiB, Node ${doc.machine.node}${quick ? ' (quick run)' : ''}\n`);
console.log(table(results));
