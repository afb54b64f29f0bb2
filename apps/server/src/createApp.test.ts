import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_TOKEN, createTestApp, type TestApp } from './testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

describe('the app', () => {
  it('answers health and the OpenAPI document without a token', async () => {
    t = createTestApp();
    const health = await t.app.request('/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, inbox: 0, overdueTimers: 0, catchingUp: false });
    const openapi = await t.app.request('/api/openapi.json');
    expect(openapi.status).toBe(200);
    expect((await openapi.json()).openapi).toBe('3.1.0');
  });

  it.each([
    ['GET', '/api/flows'],
    ['PUT', '/api/flows/x'],
    ['GET', '/api/contacts'],
    ['POST', '/api/events'],
    ['GET', '/api/scoring'],
    ['GET', '/api/handoffs'],
    ['GET', '/api/outbox'],
    ['POST', '/api/simulate'],
    ['GET', '/api/templates'],
    ['GET', '/api/nothing-here'],
  ])('refuses %s %s without a token with 401 and a JSON sentence', async (method, path) => {
    t = createTestApp();
    const r = await t.app.request(path, { method });
    expect(r.status).toBe(401);
    expect((await r.json()).error).toMatch(/Sign in/);
  });

  it('refuses a wrong bearer token and a wrong cookie with 401', async () => {
    t = createTestApp();
    expect((await t.app.request('/api/flows', { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await t.app.request('/api/flows', { headers: { Cookie: 'hourglass_session=nope' } })).status).toBe(401);
    // The old cookie held the token itself: it opens nothing any more.
    expect((await t.app.request('/api/flows', { headers: { Cookie: `hourglass_token=${TEST_TOKEN}` } })).status).toBe(401);
  });

  it('signs a browser in through /?token=… with an HttpOnly session cookie that then opens the API', async () => {
    t = createTestApp();
    const r = await t.app.request(`/?token=${TEST_TOKEN}`);
    expect(r.status).toBe(302);
    expect(r.headers.get('Location')).toBe('/');
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('hourglass_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    const api = await t.app.request('/api/flows', { headers: { Cookie: cookie.split(';')[0]! } });
    expect(api.status).toBe(200);
  });

  it('sets no cookie for a sign-in link with a wrong token', async () => {
    t = createTestApp();
    const r = await t.app.request('/?token=wrong');
    expect(r.status).toBe(401);
    expect(r.headers.get('Set-Cookie')).toBeNull();
  });

  it('answers an unknown API route with a JSON 404', async () => {
    t = createTestApp();
    const r = await t.call('GET', '/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.error).toMatch(/no API route/);
  });

  it('refuses malformed JSON with 400 and the reason, never a stack trace', async () => {
    t = createTestApp();
    const r = await t.call('POST', '/api/events', '{"id": "e1", ');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/not valid JSON/);
    expect(r.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a body over the size limit with 413', async () => {
    t = createTestApp({ bodyLimit: 1024 });
    const r = await t.call('POST', '/api/events', { id: 'e1', contactId: 'c1', type: 'signup', data: { padding: 'x'.repeat(2000) } });
    expect(r.status).toBe(413);
    expect(r.body.error).toMatch(/larger than 1 KiB/);
  });

  it("serves the built web app, with index.html for the app's own routes, and never a file outside it", async () => {
    const dist = mkdtempSync(join(tmpdir(), 'hourglass-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dist, 'assets/app-123.js'), 'console.log(1)');
    try {
      t = createTestApp({ webDist: dist });
      const asset = await t.app.request('/assets/app-123.js');
      expect(asset.headers.get('Content-Type')).toMatch(/javascript/);
      expect(await asset.text()).toBe('console.log(1)');
      const route = await t.app.request('/flows/whitepaper-nurture');
      expect(await route.text()).toMatch(/<title>app<\/title>/);
      const escape = await t.app.request('/..%2f..%2fetc%2fpasswd');
      expect(await escape.text()).toMatch(/<title>app<\/title>/);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('serves a placeholder page while the web app is not built', async () => {
    t = createTestApp({ webDist: join(tmpdir(), 'no-such-dist') });
    const r = await t.app.request('/');
    expect(r.status).toBe(200);
    expect(await r.text()).toMatch(/web app has not been built yet/);
  });

  it('documents every API route it serves in the OpenAPI document', async () => {
    t = createTestApp({ manualClock: true });
    const doc = await (await t.app.request('/api/openapi.json')).json();
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const served = t.app.routes
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && !r.path.includes('*'))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(new Set(documented)).toEqual(new Set(served));
  });
});
