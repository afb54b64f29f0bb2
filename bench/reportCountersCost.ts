// runtime.reportCountersCost: what keeping the flow reports' counters (report_counts, written on
// the durable path) costs it, measured in the same run: the runtime suite's workload with the
// counters and without them (the store's benchmark-only switch), in pairs whose order alternates,
// so the others' load on a shared machine falls on both alike, each run in a process of its own
// (whitepaperChild.ts). Target (issue 14): at most 10%.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchContext, Results } from './harness.ts';

const child = fileURLToPath(new URL('./whitepaperChild.ts', import.meta.url));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export function measureReportCountersCost(ctx: BenchContext, dir: string, contacts: number): Results {
  // Two runs of the same code differ by several per cent on this machine: enough pairs that the
  // median of their ratios is steadier than that.
  const pairs = ctx.quick ? 5 : 7;
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const rates = { counted: [] as number[], uncounted: [] as number[] };
  const cpu = { counted: [] as number[], uncounted: [] as number[] };
  for (let i = 0; i < pairs; i++) {
    for (const reportCounters of i % 2 === 0 ? [true, false] : [false, true]) {
      const name = `cost-${i}-${reportCounters}.db`;
      const out = execFileSync(process.execPath, ['--import', 'tsx', child, dir, name, String(contacts), reportCounters ? 'on' : 'off'], { encoding: 'utf8' });
      const run = JSON.parse(out.trim().split('\n').at(-1)!) as { transitions: number; ms: number; cpuMs: number; counters: number };
      const counters = run.counters;
      // The switch must switch: counters written with it on, none with it off.
      if (counters > 0 !== reportCounters) throw new Error(`${counters} report counters written with reportCounters ${reportCounters}`);
      const rate = run.transitions / (run.ms / 1000);
      const side = reportCounters ? 'counted' : 'uncounted';
      rates[side].push(rate);
      cpu[side].push(run.cpuMs);
      ctx.log(`runtime: report counters ${reportCounters ? 'on ' : 'off'} ${Math.round(rate)} transitions/s, ${Math.round(run.cpuMs)} ms of CPU`);
    }
    // Each pair's two runs are next to each other in time, so the load of the moment falls on both.
    ratios.push(rates.uncounted.at(-1)! / rates.counted.at(-1)!);
    cpuRatios.push(cpu.counted.at(-1)! / cpu.uncounted.at(-1)!);
  }
  const counted = median(rates.counted);
  const uncounted = median(rates.uncounted);
  // The cost is how much longer the same work takes with the counters (time with / time without),
  // the median over the pairs.
  const cost = median(ratios);
  const cpuCost = median(cpuRatios);
  return {
    'runtime.reportCountersCost': {
      value: cost,
      unit: '× time',
      baseline: uncounted,
      ratio: counted / uncounted,
      target: '≤ 1.10',
      note: `${contacts} contacts driven to the end (clicks tracked, so counted), ${pairs} pairs in alternating order, the median of their ratios (${ratios.map((r) => r.toFixed(2)).join(', ')}); medians ${Math.round(counted)} transitions/s with the report counters, ${Math.round(uncounted)} without; CPU time ${cpuCost.toFixed(2)} ×`,
    },
  };
}
