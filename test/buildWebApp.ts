// Vitest's global set-up for the end-to-end tests: builds the web app once per test run into a
// temporary folder and hands the folder to every end-to-end file (inject('webDist')), instead of
// one build per file. Only the e2e project runs it, so unit runs never pay for a build.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { repoRoot } from './cliRunner.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The web app built for this test run, or '' when HOURGLASS_E2E_URL names a running server. */
    webDist: string;
  }
}

export default function setup(project: TestProject): () => void {
  if (process.env.HOURGLASS_E2E_URL) {
    project.provide('webDist', '');
    return () => {};
  }
  const dir = mkdtempSync(join(tmpdir(), 'hourglass-web-'));
  execFileSync(join(repoRoot, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error', '--outDir', dir, '--emptyOutDir'], { cwd: repoRoot, stdio: 'pipe' });
  project.provide('webDist', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
