import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const e2e = ['test/**/*.e2e.test.ts'];
// Tests that call startServer or startPgServer in their own process (not a child process).
const inProcessServers = [
  'test/campaign-email.test.ts',
  'test/server-smtp.test.ts',
  'test/pg-api-parity.test.ts',
  'test/pg-public-parity.test.ts',
  'test/pg-import-parity.test.ts',
  'test/pg-import-workers.test.ts',
  'test/pg-sign-in-link.test.ts',
  'test/pg-move-parity.test.ts',
  'test/pg-server-conformance.test.ts',
  'apps/server/src/pg/pgSeed.test.ts',
];
// Tests that start the server as a process of its own (startServerProcess).
const serverProcesses = [
  'test/server-crash.test.ts',
  'test/server-damage.test.ts',
  'test/server-migration-crash.test.ts',
  'test/pg-workers.test.ts',
  'test/pg-faults.test.ts',
  'test/server-processes.test.ts',
  'test/server-restart.test.ts',
  'test/server-sign-in.test.ts',
];

// One config for the web app (vite build / dev serve apps/web) and for every test (vitest).
export default defineConfig({
  root: here('./apps/web'),
  build: {
    outDir: here('./apps/web/dist'),
    emptyOutDir: true,
    // ELK, loaded only for a layout, is one chunk of 1.4 MB (the pages are chunks of their own,
    // router.tsx); React Query's and React Flow's "use client" directives mean nothing without
    // server components. Neither is worth a warning on every build.
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
  test: {
    root: here('.'),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Vitest's default on two cores is one worker; much of a run waits on processes (servers,
    // Chromium, builds) while another worker could use the cores.
    maxWorkers: 3,
    projects: [
      // Files share their workers' module cache (isolate: false): loading the packages once per
      // worker instead of once per file halves the run's CPU time. The tests restore what they
      // change (fake timers, spies), so they still pass alone or together.
      {
        extends: true,
        test: {
          name: 'unit',
          isolate: false,
          include: ['packages/**/*.test.ts', 'apps/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
          exclude: [...e2e, ...inProcessServers, ...serverProcesses, '**/node_modules/**'],
        },
      },
      // Tests that serve the app in their own process with @hono/node-server, which swaps the
      // global Response for its own: a project of their own, so that swap cannot reach the unit
      // files' answers (projects never share a worker). Among themselves they share modules.
      { extends: true, test: { name: 'servers', isolate: false, include: inProcessServers } },
      // The tests of the server as a process start the server bundled once per run (test/buildServer.ts).
      { extends: true, test: { name: 'processes', isolate: false, include: serverProcesses, globalSetup: ['test/buildServer.ts'] } },
      // The browser tests share one build of the web app, one of the server and one Chromium per
      // run, made only when one of them is selected. The builds run while the tests start.
      {
        extends: true,
        test: {
          name: 'e2e',
          include: e2e,
          // As in the unit project, a worker loads the packages and playwright-core once for all
          // its files, not once per file; the files share no state but the modules.
          isolate: false,
          globalSetup: ['test/buildWebApp.ts', 'test/buildServer.ts', 'test/chromiumServer.ts'],
          // A browser on a busy machine can take longer than a second to show what a test waits
          // for; a poll still ends as soon as it holds.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
