import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** What `ensureWebBuilt` found or did. */
export type WebBuild = 'built' | 'already-built' | 'no-web-app' | 'failed';

/**
 * Builds the web app (`npx vite build` at the repository root, whose vite.config.ts has root
 * apps/web) when `apps/web/dist/index.html` is missing. Without `apps/web/index.html` there is
 * nothing to build yet and the server shows a placeholder page instead.
 */
export function ensureWebBuilt(repoRoot: string, log: (m: string) => void = console.log): WebBuild {
  const web = join(repoRoot, 'apps/web');
  if (existsSync(join(web, 'dist/index.html'))) return 'already-built';
  if (!existsSync(join(web, 'index.html'))) return 'no-web-app';
  log('Building the web app (first start)…');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status === 0 && existsSync(join(web, 'dist/index.html'))) return 'built';
  log('The web app did not build; the server starts with a placeholder page instead.');
  return 'failed';
}
