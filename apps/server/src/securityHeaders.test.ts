import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testApp.ts';

let t: TestApp;
let dist: string | undefined;
afterEach(async () => {
  await t?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

const expectSecurityHeaders = (r: Response) => {
  const csp = r.headers.get('Content-Security-Policy') ?? '';
  expect(csp).toMatch(/default-src 'self'/);
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(csp).toMatch(/frame-ancestors 'none'/);
  expect(r.headers.get('X-Frame-Options')).toBe('DENY');
  expect(r.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(r.headers.get('Referrer-Policy')).toBe('no-referrer');
};

describe('security headers', () => {
  it('come with the web app, its files and the sign-in answer', async () => {
    dist = mkdtempSync(join(tmpdir(), 'hourglass-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
    t = createTestApp({ webDist: dist });
    for (const path of ['/', '/flows/x', '/index.html', '/?token=wrong']) expectSecurityHeaders(await t.app.request(path));
  });

  it('come with every API answer, which no cache may keep', async () => {
    t = createTestApp();
    const answers = [
      await t.app.request('/api/health'),
      await t.app.request('/api/flows'),
      await t.app.request('/api/flows', { headers: { Authorization: 'Bearer wrong' } }),
      await t.app.request('/api/events', { method: 'POST', body: 'x', headers: { Authorization: `Bearer ${'x'}` } }),
    ];
    const ok = await t.call('GET', '/api/flows');
    expect(ok.status).toBe(200);
    for (const r of answers) {
      expectSecurityHeaders(r);
      expect(r.headers.get('Cache-Control')).toBe('no-store');
    }
    expect(ok.headers.get('Cache-Control')).toBe('no-store');
    expect(ok.headers.get('X-Frame-Options')).toBe('DENY');
  });
});
