// Runs the real server (apps/server/src/main.ts) as its own process on a temporary database and
// a free port on 127.0.0.1, for the restart and crash tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from './cliRunner.ts';
import { buildOf, viteBuilt } from './viteBuild.ts';

export const SERVER_TOKEN = 'process-test-token-of-32-characters-or-more';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  baseUrl: string;
  child: ChildProcess;
  log: () => string;
  /** Calls the API with the token; answers status and parsed JSON. */
  call: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;
  /** kill -9: no shutdown code runs. */
  crash: () => Promise<void>;
  /** SIGTERM, then waits for the exit. */
  stop: () => Promise<void>;
}

/**
 * Starts the server with `env` (HOURGLASS_DB at least) and waits until /api/health answers. With
 * `main`, the server bundled for the test run (test/buildServer.ts, `inject('serverMain')`), once
 * its build has ended; without, the sources through tsx, as `npm start` runs them. `onOutput`
 * sees the output so far whenever it grows (to act on what the server says while it starts).
 */
export async function startServerProcess(
  env: Record<string, string>,
  { main, onOutput }: { main?: string | undefined; onOutput?: (output: string) => void } = {},
): Promise<ServerProcess> {
  if (main) await viteBuilt(buildOf(main));
  const port = await freePort();
  // One process, so kill -9 hits the server itself. SERVER_NODE_ARGS adds Node options (e.g.
  // `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the benchmarks' server).
  const nodeArgs = (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const entry = main ? [main] : ['--import', 'tsx', join(repoRoot, 'apps/server/src/main.ts')];
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', HOURGLASS_TOKEN: SERVER_TOKEN, HOURGLASS_SEED: 'none', HOURGLASS_BUILD: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout!, child.stderr!])
    stream.on('data', (d) => {
      output += d;
      onOutput?.(output);
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;

  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${SERVER_TOKEN}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : undefined };
  };
  const crash = async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  };
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };

  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { baseUrl, child, log: () => output, call, crash, stop };
}
