import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from './createApp.ts';
import { appDepsOf } from './appDeps.ts';
import { TEST_TOKEN, createTestApp, type TestApp } from './testApp.ts';
import { hashToken } from './token.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const DAY = 86_400_000;
/** A clock the test moves: sessions and the limiter use real time, not the flows' clock. */
const wall = () => {
  let now = Date.UTC(2030, 0, 1);
  return { now: () => now, advance: (ms: number) => (now += ms) };
};
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
const sessionCookie = (r: Response) => r.headers.getSetCookie().find((c) => c.startsWith('hourglass_session='));
const pair = (setCookie: string) => setCookie.split(';')[0]!;

async function signIn(app: TestApp['app'], query = `token=${TEST_TOKEN}`, init: RequestInit = {}) {
  const r = await app.request(`/?${query}`, init);
  expect(r.status).toBe(302);
  return { answer: r, cookie: pair(sessionCookie(r)!) };
}

describe('signing in', () => {
  it('exchanges the token for a random session id: neither the cookie nor the database holds the token or the id', async () => {
    t = createTestApp();
    const { answer, cookie } = await signIn(t.app);
    const id = cookie.split('=')[1]!;
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(answer.headers.get('Set-Cookie')).not.toContain(TEST_TOKEN);
    const rows = t.db.prepare('SELECT * FROM sessions').all() as { id_sha256: Buffer; created_at: number; expires_at: number; last_used_at: number }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id_sha256.equals(createHash('sha256').update(id).digest())).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(id);
    expect(rows[0]!.expires_at - rows[0]!.created_at).toBe(30 * DAY);
  });

  it('redirects to / so the token leaves the address bar, and sends no referrer with it', async () => {
    t = createTestApp();
    const { answer } = await signIn(t.app);
    expect(answer.headers.get('Location')).toBe('/');
    expect(answer.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(answer.headers.get('Cache-Control')).toBe('no-store');
  });

  it('ends a session 30 days after sign-in, however often it is used', async () => {
    const clock = wall();
    t = createTestApp({ wallClock: clock.now });
    const { cookie } = await signIn(t.app);
    clock.advance(29 * DAY);
    expect((await t.app.request('/api/flows', { headers: { Cookie: cookie } })).status).toBe(200);
    clock.advance(DAY);
    const ended = await t.app.request('/api/flows', { headers: { Cookie: cookie } });
    expect(ended.status).toBe(401);
    expect((await ended.json()).error).toMatch(/sign-in has ended/);
  });

  it('records the last use of a session', async () => {
    const clock = wall();
    t = createTestApp({ wallClock: clock.now });
    const { cookie } = await signIn(t.app);
    clock.advance(DAY);
    await t.app.request('/api/flows', { headers: { Cookie: cookie } });
    const row = t.db.prepare('SELECT created_at, last_used_at FROM sessions').get() as { created_at: number; last_used_at: number };
    expect(row.last_used_at - row.created_at).toBe(DAY);
  });

  it('signs out: POST /api/session/logout deletes the session and clears the cookie', async () => {
    t = createTestApp();
    const { cookie } = await signIn(t.app);
    expect(await (await t.app.request('/api/session', { headers: { Cookie: cookie } })).json()).toMatchObject({ signedIn: true, via: 'session' });
    const out = await t.app.request('/api/session/logout', { method: 'POST', headers: { Cookie: cookie, Origin: 'http://localhost' } });
    expect(out.status).toBe(204);
    expect(sessionCookie(out)).toMatch(/^hourglass_session=; Max-Age=0/);
    expect(t.db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    // A copy of the cookie kept from before opens nothing.
    expect((await t.app.request('/api/flows', { headers: { Cookie: cookie } })).status).toBe(401);
    expect(await (await t.app.request('/api/session', { headers: { Cookie: cookie } })).json()).toEqual({ signedIn: false });
  });

  it('tells a bearer-token client it is signed in by token', async () => {
    t = createTestApp();
    expect((await t.call('GET', '/api/session')).body).toEqual({ signedIn: true, via: 'token' });
  });

  it('ends every session when the API token changes', async () => {
    t = createTestApp();
    const { cookie } = await signIn(t.app);
    const restarted = createApp({ ...appDepsOf(t.runtime), tokenHash: hashToken('another-token-of-at-least-32-characters') });
    expect((await restarted.request('/api/flows', { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('marks the cookie Secure over https, and behind a proxy only when the proxy is trusted', async () => {
    t = createTestApp();
    expect(sessionCookie((await signIn(t.app)).answer)).not.toMatch(/Secure/);
    expect(sessionCookie((await signIn(t.app, `token=${TEST_TOKEN}`, { headers: { 'X-Forwarded-Proto': 'https' } })).answer)).not.toMatch(/Secure/);
    const direct = await t.app.request(`https://hourglass.example/?token=${TEST_TOKEN}`);
    expect(sessionCookie(direct)).toMatch(/; Secure/);
    await t.close();
    t = createTestApp({ trustProxy: true });
    expect(sessionCookie((await signIn(t.app, `token=${TEST_TOKEN}`, { headers: { 'X-Forwarded-Proto': 'https' } })).answer)).toMatch(/; Secure/);
    expect(sessionCookie((await signIn(t.app, `token=${TEST_TOKEN}`, { headers: { 'X-Forwarded-Proto': 'http' } })).answer)).not.toMatch(/Secure/);
  });
});

describe('wrong tokens', () => {
  it('answers 429 with Retry-After after 5 wrong tokens from one address in a minute, even to the right token', async () => {
    const clock = wall();
    t = createTestApp({ wallClock: clock.now });
    const wrong = () => t.app.request('/api/flows', { headers: { Authorization: 'Bearer wrong-token-guess' } }, from('203.0.113.7'));
    for (let i = 0; i < 5; i++) expect((await wrong()).status).toBe(401);
    const limited = await wrong();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await limited.json()).error).toMatch(/Too many wrong tokens/);
    const right = await t.app.request('/api/flows', { headers: { Authorization: `Bearer ${TEST_TOKEN}` } }, from('203.0.113.7'));
    expect(right.status).toBe(429);
    const link = await t.app.request(`/?token=${TEST_TOKEN}`, {}, from('203.0.113.7'));
    expect(link.status).toBe(429);
    expect(link.headers.get('Set-Cookie')).toBeNull();
    // Other addresses are not held up; the address may try again after the minute.
    expect((await t.app.request('/api/flows', { headers: { Authorization: `Bearer ${TEST_TOKEN}` } }, from('198.51.100.1'))).status).toBe(200);
    clock.advance(60_000);
    expect((await t.app.request('/api/flows', { headers: { Authorization: `Bearer ${TEST_TOKEN}` } }, from('203.0.113.7'))).status).toBe(200);
  });

  it('counts wrong sign-in links too', async () => {
    t = createTestApp();
    for (let i = 0; i < 5; i++) expect((await t.app.request('/?token=guess', {}, from('203.0.113.8'))).status).toBe(401);
    expect((await t.app.request('/?code=guess', {}, from('203.0.113.8'))).status).toBe(429);
  });

  it('believes X-Forwarded-For only from a trusted proxy, so a client cannot dodge the limit by changing it', async () => {
    t = createTestApp();
    for (let i = 0; i < 6; i++) {
      const r = await t.app.request('/api/flows', { headers: { Authorization: 'Bearer wrong', 'X-Forwarded-For': `10.0.0.${i}` } }, from('203.0.113.9'));
      expect(r.status).toBe(i < 5 ? 401 : 429);
    }
    await t.close();
    t = createTestApp({ trustProxy: true });
    for (let i = 0; i < 6; i++) {
      const r = await t.app.request('/api/flows', { headers: { Authorization: 'Bearer wrong', 'X-Forwarded-For': `10.0.0.${i}` } }, from('127.0.0.1'));
      expect(r.status).toBe(401);
    }
  });
});
