import { afterEach, describe, expect, it } from 'vitest';
import { TEST_TOKEN, createTestApp, welcomeFlow, type TestApp } from './testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

/** A test app with a draft flow saved and a browser signed in: answers the session cookie. */
async function signedInBrowser() {
  t = createTestApp();
  expect((await t.call('PUT', '/api/flows/welcome', welcomeFlow())).status).toBe(201);
  const r = await t.app.request(`/?token=${TEST_TOKEN}`);
  return r.headers
    .getSetCookie()
    .find((c) => c.startsWith('hourglass_session='))!
    .split(';')[0]!;
}

// What a page on http://localhost:9999 can make the browser send with a plain <form>: another
// port is the same site, so the SameSite=Strict cookie goes along.
const crossSiteForm = (cookie: string, body: string) => ({
  method: 'POST',
  body,
  headers: { Cookie: cookie, 'Content-Type': 'text/plain', Origin: 'http://localhost:9999', 'Sec-Fetch-Site': 'same-site' },
});

describe('cross-site requests', () => {
  it('a text/plain form from another origin with the cookie does not publish a flow', async () => {
    const cookie = await signedInBrowser();
    const r = await t.app.request('/api/flows/welcome/publish', crossSiteForm(cookie, '{"note": "x", "a": "=b"}'));
    expect(r.status).toBe(403);
    expect((await r.json()).error).toMatch(/another site/);
    expect((await t.call('GET', '/api/flows/welcome/versions')).body.versions).toEqual([]);
  });

  it('a text/plain form from another origin with the cookie does not post an event', async () => {
    const cookie = await signedInBrowser();
    const r = await t.app.request('/api/events', crossSiteForm(cookie, '{"id": "e1", "contactId": "c1", "type": "signup", "x": "=y"}'));
    expect(r.status).toBe(403);
    expect(t.runtime.inboxSize()).toBe(0);
    expect((await t.call('GET', '/api/contacts/c1')).status).toBe(404);
  });

  it('refuses a cookie-signed write without Origin unless Sec-Fetch-Site says same-origin', async () => {
    const cookie = await signedInBrowser();
    const put = (headers: Record<string, string>) =>
      t.app.request('/api/flows/welcome', {
        method: 'PUT',
        body: JSON.stringify(welcomeFlow()),
        headers: { Cookie: cookie, 'Content-Type': 'application/json', ...headers },
      });
    expect((await put({})).status).toBe(403);
    expect((await put({ 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    expect((await put({ 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await put({ Origin: 'null' })).status).toBe(403);
    expect((await put({ 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect((await put({ Origin: 'http://localhost' })).status).toBe(200);
  });

  it('lets the app read with the cookie from anywhere the browser sends it, and write from its own origin', async () => {
    const cookie = await signedInBrowser();
    expect((await t.app.request('/api/flows', { headers: { Cookie: cookie } })).status).toBe(200);
    const publish = await t.app.request('/api/flows/welcome/publish', {
      method: 'POST',
      body: '{}',
      headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: 'http://localhost' },
    });
    expect(publish.status).toBe(201);
  });

  it('refuses a sign-out sent by another site', async () => {
    const cookie = await signedInBrowser();
    const r = await t.app.request('/api/session/logout', { method: 'POST', headers: { Cookie: cookie, Origin: 'http://localhost:9999' } });
    expect(r.status).toBe(403);
    expect((await t.app.request('/api/flows', { headers: { Cookie: cookie } })).status).toBe(200);
  });

  it('does not check the origin of bearer-token clients', async () => {
    t = createTestApp();
    const r = await t.call('PUT', '/api/flows/welcome', welcomeFlow(), { Origin: 'http://elsewhere.example' });
    expect(r.status).toBe(201);
  });
});

describe('request bodies', () => {
  it.each([
    ['POST', '/api/events', { id: 'e1', contactId: 'c1', type: 'signup' }],
    ['PUT', '/api/flows/welcome', welcomeFlow()],
    ['POST', '/api/flows/welcome/publish', { note: 'x' }],
    ['PUT', '/api/contacts/c1', { email: 'c1@example.com' }],
  ])('refuses %s %s with a body that is not application/json with 415, even from a bearer-token client', async (method, path, body) => {
    t = createTestApp();
    expect((await t.call('PUT', '/api/flows/welcome', welcomeFlow())).status).toBe(201);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await t.call(method, path, JSON.stringify(body), { 'Content-Type': type });
      expect(r.status).toBe(415);
      expect(r.body.error).toMatch(/Content-Type: application\/json/);
    }
    expect(t.runtime.inboxSize()).toBe(0);
    expect((await t.call('GET', '/api/flows/welcome/versions')).body.versions).toEqual([]);
  });

  it('accepts application/json with a charset', async () => {
    t = createTestApp();
    const r = await t.call('POST', '/api/events', JSON.stringify({ id: 'e1', contactId: 'c1', type: 'signup' }), {
      'Content-Type': 'application/json; charset=utf-8',
    });
    expect(r.status).toBe(202);
  });
});
