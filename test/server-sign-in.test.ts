// Signing in to the real server process: the generated token is printed on the first start only;
// later a one-time link comes from `npm run sign-in-link`, and it signs a browser in over HTTP.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { repoRoot } from './cliRunner.ts';
import { SERVER_TOKEN, startServerProcess, type ServerProcess } from './serverProcess.ts';

// The server bundled once for this run (test/buildServer.ts).
const bundled = { main: inject('serverMain') };

let dir: string;
let server: ServerProcess | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hourglass-sign-in-'));
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function logOnceStarted(s: ServerProcess): Promise<string> {
  await expect.poll(() => s.log()).toMatch(/npm run sign-in-link/);
  return s.log();
}

describe('signing in to the server process', () => {
  it('prints the generated token on the first start only, then says how to get a sign-in link', async () => {
    const env = { HOURGLASS_DB: join(dir, 'h.db'), HOURGLASS_TOKEN: '' };
    server = await startServerProcess(env, bundled);
    const first = await logOnceStarted(server);
    const token = decodeURIComponent(first.match(/\/\?token=(\S+)/)![1]!);
    expect(token.length).toBeGreaterThanOrEqual(32);
    await server.stop();

    server = await startServerProcess(env, bundled);
    const later = await logOnceStarted(server);
    expect(later).not.toContain(token);
    expect(later).not.toContain(encodeURIComponent(token));
    const api = await fetch(`${server.baseUrl}/api/session`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await api.json()).toEqual({ signedIn: true, via: 'token' });
  });

  it('does not print HOURGLASS_TOKEN', async () => {
    server = await startServerProcess({ HOURGLASS_DB: join(dir, 'h.db') }, bundled);
    expect(await logOnceStarted(server)).not.toContain(SERVER_TOKEN);
  });

  it('signs a browser in with a link from npm run sign-in-link, once', async () => {
    const db = join(dir, 'h.db');
    server = await startServerProcess({ HOURGLASS_DB: db }, bundled);
    const out = execFileSync('npm', ['run', '--silent', 'sign-in-link', '--', server.baseUrl], {
      cwd: repoRoot,
      env: { ...process.env, HOURGLASS_DB: db },
      encoding: 'utf8',
    });
    const link = out.match(/http:\/\/\S+\?code=[\w-]+/)![0];
    expect(link.startsWith(server.baseUrl)).toBe(true);
    const signIn = await fetch(link, { redirect: 'manual' });
    expect(signIn.status).toBe(302);
    const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(cookie).toMatch(/^hourglass_session=/);
    expect((await fetch(`${server.baseUrl}/api/flows`, { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(401);
  });

  it('refuses to start with a HOURGLASS_TOKEN shorter than 32 characters', async () => {
    await expect(startServerProcess({ HOURGLASS_DB: join(dir, 'h.db'), HOURGLASS_TOKEN: 'short-token' }, bundled)).rejects.toThrow(
      /HOURGLASS_TOKEN must be at least 32 characters/,
    );
  });
});
