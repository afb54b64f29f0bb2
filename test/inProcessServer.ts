// Hourglass started in the test's own process on a real port with a manual clock (the email
// tests: a real SMTP server receives what it sends), stopped after each test with its folder and
// SMTP capture.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { readConfig } from '../apps/server/src/config.ts';
import { startServer, type RunningServer } from '../apps/server/src/startServer.ts';
import { freePort } from './serverProcess.ts';
import { startSmtpCapture } from './smtpCapture.ts';

export type SmtpCapture = Awaited<ReturnType<typeof startSmtpCapture>>;

/** Registers the clean-up; `start` opens a server on a fresh database, `smtp` an SMTP capture. */
export function inProcessServers(token: string) {
  let dir: string | undefined;
  let server: RunningServer | undefined;
  let smtp: SmtpCapture | undefined;
  afterEach(async () => {
    await server?.close();
    await smtp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    server = smtp = dir = undefined;
  });
  return {
    /** A real SMTP server that keeps what it receives, closed after the test. */
    smtp: async () => (smtp = await startSmtpCapture()),
    /** The server with `env` as its settings, the clock set to 2 March 2026, 08:00 UTC; `call` is its API with the token. */
    start: async (env: Record<string, string>, port?: number) => {
      dir = mkdtempSync(join(tmpdir(), 'hourglass-in-process-'));
      const p = port ?? (await freePort());
      const config = readConfig({
        PORT: String(p),
        HOST: '127.0.0.1',
        HOURGLASS_DB: join(dir, 'h.db'),
        HOURGLASS_TOKEN: token,
        HOURGLASS_CLOCK: 'manual',
        ...env,
      });
      server = await startServer(config, { repoRoot: dir, log: () => {} });
      const base = `http://127.0.0.1:${p}`;
      const call = async (method: string, path: string, body?: unknown) => {
        const r = await fetch(`${base}${path}`, {
          method,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        return r.json() as Promise<any>;
      };
      await call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
      return { server, base, call };
    },
  };
}
