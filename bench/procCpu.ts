// CPU seconds of a process tree from /proc (Linux): what a process and its descendants used.
import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** A process's parent and its CPU ticks (own plus its waited-for children's), or undefined once it is gone. */
function stat(pid: number): { ppid: number; ticks: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces: state ppid … utime stime cutime cstime.
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
  } catch {
    return undefined;
  }
}

/** The CPU seconds of `root` and every live descendant (children already reaped count through their parent). */
export function treeCpuSeconds(root: number): number {
  const all = new Map<number, { ppid: number; ticks: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = stat(Number(d));
    if (s) all.set(Number(d), s);
  }
  let ticks = 0;
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    ticks += all.get(pid)?.ticks ?? 0;
    for (const [child, s] of all) if (s.ppid === pid) todo.push(child);
  }
  return ticks / TICKS_PER_SECOND;
}
