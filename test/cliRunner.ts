// Runs the real `hourglass` binary as a newcomer would after `npm install`, or the same command
// in this process, for the many cases where starting a process per case only costs time.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export function hourglass(args: string[]) {
  const r = spawnSync(join(repoRoot, 'node_modules/.bin/hourglass'), args, { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `hourglass(args)` through the CLI's `main` in this process: the same status and output, no process start. */
export async function hourglassInProcess(args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  // Loaded on first use: the many files that only want repoRoot do not load the CLI.
  const { main } = await import('@hourglass/cli');
  const status = await main(args, { out: (s) => stdout.push(`${s}\n`), err: (s) => stderr.push(`${s}\n`) });
  return { status, stdout: stdout.join(''), stderr: stderr.join('') };
}

const t = (v: unknown) => (v == null ? null : Date.parse(String(v)));

/** A trace with instants as numbers and absent optional fields as null, for comparison. */
export function normaliseTrace(tr: any) {
  return {
    status: tr.status,
    enrolments: (tr.enrolments ?? []).map((e: any) => ({
      status: e.status,
      enteredAt: t(e.enteredAt),
      endedAt: t(e.endedAt),
      position: e.position ?? null,
      steps: (e.steps ?? []).map((s: any) => ({ at: t(s.at), node: s.node, type: s.type, port: s.port ?? null })),
    })),
    emails: (tr.emails ?? []).map((m: any) => ({ at: t(m.at), node: m.node, to: m.to ?? null, subject: m.subject, suppressed: m.suppressed ?? null })),
    handoffs: (tr.handoffs ?? []).map((h: any) => ({ at: t(h.at), node: h.node, owner: h.owner ?? null })),
    contact: { score: tr.contact?.score, stage: tr.contact?.stage, owner: tr.contact?.owner ?? null, properties: tr.contact?.properties ?? {} },
  };
}
