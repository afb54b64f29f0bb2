import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config.ts';
import { makeSignInLink } from './signInLink.ts';
import { signInLinkCommand } from './signInLinkCommand.ts';
import { createTestApp, type TestApp } from './testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const pathOf = (url: string) => url.replace(/^https?:\/\/[^/]+/, '');
const script = fileURLToPath(new URL('./signInLinkMain.ts', import.meta.url));

describe('sign-in links made on demand', () => {
  it('sign in once, without the token, and never again', async () => {
    t = createTestApp();
    const { url } = makeSignInLink({ HOURGLASS_DB: t.dbPath, PORT: '9123' });
    expect(url).toMatch(/^http:\/\/localhost:9123\/\?code=[\w-]{43}$/);
    const first = await t.app.request(pathOf(url));
    expect(first.status).toBe(302);
    const cookie = first.headers
      .getSetCookie()
      .find((c) => c.startsWith('hourglass_session='))!
      .split(';')[0]!;
    expect((await t.app.request('/api/flows', { headers: { Cookie: cookie } })).status).toBe(200);
    const again = await t.app.request(pathOf(url));
    expect(again.status).toBe(401);
    expect(again.headers.get('Set-Cookie')).toBeNull();
  });

  it("keeps only the code's hash in the database", async () => {
    t = createTestApp();
    const { url } = makeSignInLink({ HOURGLASS_DB: t.dbPath });
    const code = url.split('code=')[1]!;
    expect(JSON.stringify(t.db.prepare('SELECT hex(code_sha256) AS h FROM sign_in_codes').all())).not.toContain(code);
  });

  it('expire after 15 minutes', async () => {
    let now = Date.UTC(2030, 0, 1);
    t = createTestApp({ wallClock: () => now });
    const { url, expiresAt } = makeSignInLink({ HOURGLASS_DB: t.dbPath }, undefined, now);
    expect(expiresAt - now).toBe(15 * 60_000);
    now += 15 * 60_000;
    expect((await t.app.request(pathOf(url))).status).toBe(401);
  });

  it('use the address given, for a server behind a proxy', () => {
    t = createTestApp();
    expect(makeSignInLink({ HOURGLASS_DB: t.dbPath }, 'https://hourglass.example.com/').url).toMatch(/^https:\/\/hourglass\.example\.com\/\?code=/);
  });

  it('say so when there is no database yet', () => {
    expect(() => makeSignInLink({ HOURGLASS_DB: '/nonexistent/hourglass.db' })).toThrow(ConfigError);
    expect(() => makeSignInLink({ HOURGLASS_DB: '/nonexistent/hourglass.db' })).toThrow(/start the server first/);
  });

  it('are refused, with exit code 2, for an address that is not one', async () => {
    t = createTestApp();
    expect(await signInLinkCommand(['hourglass.example.com'], { HOURGLASS_DB: t.dbPath })).toEqual({
      code: 2,
      out: '',
      err: 'hourglass: the address must look like https://hourglass.example.com, not "hourglass.example.com".',
    });
  });

  it('are not made, with exit code 1 and the reason, when there is no database yet', async () => {
    const { code, err } = await signInLinkCommand([], { HOURGLASS_DB: '/nonexistent/hourglass.db' });
    expect(code).toBe(1);
    expect(err).toMatch(/^hourglass: .*start the server first/);
  });

  it('are printed by npm run sign-in-link, beside a running server', async () => {
    t = createTestApp();
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, HOURGLASS_DB: t.dbPath, PORT: '9124' },
      encoding: 'utf8',
      cwd: join(script, '../../../..'),
    });
    const url = out.match(/http:\/\/localhost:9124\/\?code=[\w-]+/)?.[0];
    expect(url).toBeDefined();
    expect((await t.app.request(pathOf(url!))).status).toBe(302);
  });
});
