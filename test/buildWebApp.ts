// Vitest's global set-up for the end-to-end tests: builds the web app once per test run into a
// temporary folder, in the background, and hands the folder to every end-to-end file
// (inject('webDist')), instead of one build per file; startServer waits for the build. Only the
// e2e project runs it, so unit runs never pay for a build.
import { tmpdir } from 'node:os';
import type { TestProject } from 'vitest/node';
import { startViteBuild } from './viteBuild.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The web app built for this test run, or '' when HOURGLASS_E2E_URL names a running server. */
    webDist: string;
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  if (process.env.HOURGLASS_E2E_URL) {
    project.provide('webDist', '');
    return async () => {};
  }
  const build = startViteBuild(tmpdir(), 'hourglass-web-', []);
  project.provide('webDist', build.dir);
  return build.remove;
}
