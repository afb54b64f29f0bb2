// A `vite build` started by a global set-up and left running while the tests start: only the
// tests that need its output wait for it (`viteBuilt`), the others use the other core meanwhile.
// When it ends, its outcome is written next to its folder, where any test process can find it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from './cliRunner.ts';

interface Outcome {
  code: number | null;
  output: string;
}

const outcomeFile = (dir: string) => `${dir}.outcome.json`;

/**
 * Starts `vite build` with `args` into a new folder under `parent`, named `prefix…`. Returns the
 * folder at once, and `remove`, for the set-up's teardown, which waits for the build to end.
 */
export function startViteBuild(parent: string, prefix: string, args: readonly string[]): { dir: string; remove: () => Promise<void> } {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, prefix));
  const child = spawn(join(repoRoot, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn', '--outDir', dir, '--emptyOutDir', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const ended = new Promise<void>((resolve) => {
    child.on('error', (e) => {
      writeFileSync(outcomeFile(dir), JSON.stringify({ code: -1, output: e.message } satisfies Outcome));
      resolve();
    });
    child.on('close', (code) => {
      writeFileSync(outcomeFile(dir), JSON.stringify({ code, output } satisfies Outcome));
      resolve();
    });
  });
  return {
    dir,
    remove: async () => {
      if (child.exitCode === null) child.kill();
      await ended;
      rmSync(dir, { recursive: true, force: true });
      rmSync(outcomeFile(dir), { force: true });
    },
  };
}

/** Waits until the build into `dir` (of `startViteBuild`) has ended; throws with its output when it failed. */
export async function viteBuilt(dir: string, timeoutMs = 180_000): Promise<void> {
  const file = outcomeFile(dir);
  const until = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > until) throw new Error(`The build into ${dir} did not end within ${timeoutMs / 1000} s.`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const outcome = JSON.parse(readFileSync(file, 'utf8')) as Outcome;
  if (outcome.code !== 0) throw new Error(`vite build into ${dir} failed (${outcome.code}):\n${outcome.output}`);
}

/** Where the server's build goes (gitignored): beside its sources, so its packages load from the same node_modules. */
export const serverBuildParent = join(repoRoot, 'apps/server/.tsbuild');
/** The server's entry in a build folder. */
export const serverMainIn = (dir: string) => join(dir, 'main.mjs');
/** The build folder of a server entry. */
export const buildOf = (main: string) => dirname(main);
