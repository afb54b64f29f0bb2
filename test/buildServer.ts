// Vitest's global set-up for the tests that start the server as a process: bundles it once per
// test run (test/serverBundle.vite.config.ts) in the background, and hands its entry to every
// file (inject('serverMain')); startServerProcess waits for the build.
import type { TestProject } from 'vitest/node';
import { serverBuildParent, serverMainIn, startViteBuild } from './viteBuild.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server bundled for this test run (see startServerProcess). */
    serverMain: string;
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const build = startViteBuild(serverBuildParent, 'server-', ['-c', 'test/serverBundle.vite.config.ts']);
  project.provide('serverMain', serverMainIn(build.dir));
  return build.remove;
}
