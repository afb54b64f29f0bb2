import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hourglass</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:0 .25em}</style>
</head><body><h1>Hourglass is running</h1>
<p>The API answers under <code>/api</code> (see <a href="/api/openapi.json">/api/openapi.json</a>).
The web app has not been built yet: run <code>npx vite build</code> in the repository, then reload.</p>
</body></html>`;

/**
 * Serves the built web app from `dist`: a file when the path names one, else `index.html`
 * (the app routes in the browser). Paths cannot leave `dist`. Without a build, a placeholder.
 */
export function serveWebApp(dist: string | undefined) {
  const root = dist ? normalize(dist) : undefined;
  return (c: Context) => {
    if (!root || !existsSync(join(root, 'index.html'))) return c.html(PLACEHOLDER);
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.html(PLACEHOLDER, 400);
    }
    const file = normalize(join(root, path));
    if ((file === root || file.startsWith(root + sep)) && existsSync(file) && statSync(file).isFile()) {
      // Built assets carry a content hash in their names: they may be cached for good.
      const immutable = file.includes(`${sep}assets${sep}`);
      return c.body(readFileSync(file), 200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    return c.body(readFileSync(join(root, 'index.html')), 200, { 'Content-Type': TYPES['.html']!, 'Cache-Control': 'no-cache' });
  };
}
