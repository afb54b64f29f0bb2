// Starts what the end-to-end tests drive: the built web app served by the real server, on a
// fresh temporary database and a random port.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './cliRunner.ts';
import { SERVER_TOKEN, startServerProcess } from './serverProcess.ts';
import { viteBuilt } from './viteBuild.ts';

export { repoRoot };
export const serverMain = join(repoRoot, 'apps/server/src/main.ts');

export interface RunningServer {
  baseUrl: string;
  token: string;
  stop: () => Promise<void>;
}

/** Why the end-to-end tests cannot run here, or null when they can. */
export function e2eUnavailable(): string | null {
  if (process.env.HOURGLASS_E2E_URL) return null;
  if (!existsSync(serverMain)) return 'apps/server/src/main.ts does not exist yet: the end-to-end tests need the server';
  return null;
}

/**
 * Starts the server on a temporary database (HOURGLASS_SEED=none) serving the web app built in
 * `webDist`: the tests pass the builds of their run (test/buildWebApp.ts, `inject('webDist')`,
 * and test/buildServer.ts, `inject('serverMain')`) and wait here for them to end; without a web
 * build (the editor benchmark) it builds the app (`vite build`) into a temporary folder. With
 * HOURGLASS_E2E_URL (and HOURGLASS_E2E_TOKEN) set, uses that running server instead, e.g.
 * `npx vite` plus a server while debugging a test.
 */
export async function startServer(webDist?: string, serverMain?: string, env: Record<string, string> = {}): Promise<RunningServer> {
  if (process.env.HOURGLASS_E2E_URL) {
    return { baseUrl: process.env.HOURGLASS_E2E_URL.replace(/\/$/, ''), token: process.env.HOURGLASS_E2E_TOKEN ?? SERVER_TOKEN, stop: async () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'hourglass-e2e-'));
  try {
    // Never apps/web/dist: end-to-end files run at once, and a build emptying it while another
    // file's server serves it would fail that file.
    const web = webDist || join(dir, 'web');
    if (webDist) await viteBuilt(webDist);
    else
      execFileSync(join(repoRoot, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error', '--outDir', web, '--emptyOutDir'], {
        cwd: repoRoot,
        stdio: 'pipe',
      });
    const server = await startServerProcess({ HOURGLASS_DB: join(dir, 'e2e.db'), HOURGLASS_WEB_DIST: web, ...env }, { main: serverMain });
    return {
      baseUrl: server.baseUrl,
      token: SERVER_TOKEN,
      stop: async () => {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
