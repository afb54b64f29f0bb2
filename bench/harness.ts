// The benchmark harness's pieces: a result table and the machine it ran on.
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export interface Result {
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target?: string;
  note?: string;
}
export type Results = Record<string, Result>;

export interface BenchContext {
  quick: boolean;
  /** Writes a progress line for long work. */
  log: (line: string) => void;
}

export function machine() {
  const list = cpus();
  return { cpus: list.length, cpuModel: list[0]?.model ?? 'unknown', node: process.version, memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10 };
}

/**
 * CPU time (user + system, ms) a process has used, from Linux's /proc; undefined elsewhere. On a
 * shared machine the CPU a request costs is steadier than the rate, which depends on the others.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  try {
    // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Runs `fn` repeatedly for about `ms` milliseconds; returns operations per second. */
export function rate(ms: number, fn: () => number): number {
  let ops = 0;
  const start = performance.now();
  while (performance.now() - start < ms) ops += fn();
  return ops / ((performance.now() - start) / 1000);
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));

export function table(results: Results): string {
  const rows = Object.entries(results).map(([name, r]) => [
    name,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline === undefined ? '' : fmt(r.baseline),
    r.ratio === undefined ? '' : `${(r.ratio * 100).toFixed(0)}%`,
    r.target ?? '',
    r.note ?? '',
  ]);
  const head = ['benchmark', 'value', 'baseline', 'ratio', 'target', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
