// Email delivery through nodemailer to a real SMTP server started by the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_FORMAT } from '@hourglass/documents';
import { readConfig } from '../apps/server/src/config.ts';
import { startServer, type RunningServer } from '../apps/server/src/startServer.ts';
import { freePort } from './serverProcess.ts';
import { startSmtpCapture } from './smtpCapture.ts';

let dir: string;
let server: RunningServer | undefined;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>> | undefined;
afterEach(async () => {
  await server?.close();
  await smtp?.close();
  server = undefined;
  smtp = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const flow = {
  format: FLOW_FORMAT, id: 'demo', name: 'Demo follow-up',
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'event', event: 'demo_requested' } },
    { id: 'thanks', type: 'sendEmail', config: { subject: 'Thanks, {{ contact.firstName }}', body: 'We will call you.', from: 'Sales <sales@acme.test>' } },
    { id: 'hand', type: 'handoff', config: { fallback: 'sam@acme.test' } },
  ],
  edges: [{ from: 'start', to: 'thanks' }, { from: 'thanks', to: 'hand' }],
};

const TOKEN = 'smtp-test-token-of-32-characters-or-more';

/** Starts Hourglass in this process on a real port, with a manual clock and `smtpUrl`. */
async function start(smtpUrl: string) {
  dir = mkdtempSync(join(tmpdir(), 'hourglass-smtp-'));
  const config = readConfig({ PORT: String(await freePort()), HOST: '127.0.0.1', HOURGLASS_DB: join(dir, 'h.db'), HOURGLASS_TOKEN: TOKEN, HOURGLASS_CLOCK: 'manual', SMTP_URL: smtpUrl });
  server = await startServer(config, { repoRoot: dir, log: () => {} });
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`http://127.0.0.1:${server!.port}${path}`, { method, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return r.json() as Promise<any>;
  };
  await call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
  await call('PUT', '/api/flows/demo', flow);
  await call('POST', '/api/flows/demo/publish', {});
  await call('PUT', '/api/contacts/c1', { email: 'dana@example.com', properties: { firstName: 'Dana' } });
  return call;
}

describe('email through SMTP', () => {
  it('delivers marketing email and the owner\'s notification to the SMTP server, once each, and records them sent', async () => {
    smtp = await startSmtpCapture();
    const call = await start(smtp.url);
    await call('POST', '/api/events', { id: 'e1', contactId: 'c1', type: 'demo_requested' });
    await call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' }); // answers once the outbox is drained
    const outbox = (await call('GET', '/api/outbox')).emails as { id: string; kind: string; status: string }[];
    expect(outbox.map((m) => [m.kind, m.status])).toEqual([['notification', 'sent'], ['marketing', 'sent']]);
    expect(smtp.mails.map((m) => [m.from, m.to, m.subject])).toEqual([
      ['sales@acme.test', ['dana@example.com'], 'Thanks, Dana'],
      ['hourglass@localhost', ['sam@acme.test'], 'New lead for you: Dana (score 0)'],
    ]);
    expect(smtp.mails.map((m) => m.messageId)).toEqual(outbox.map((m) => `<${m.id}@hourglass.outbox>`).reverse());
    expect(smtp.mails[0]!.raw).toMatch(/We will call you\./);
  });

  it('keeps an email pending for a retry while the SMTP server cannot be reached', async () => {
    const call = await start(`smtp://127.0.0.1:${await freePort()}`);
    await call('POST', '/api/events', { id: 'e1', contactId: 'c1', type: 'demo_requested' });
    await call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
    const outbox = (await call('GET', '/api/outbox?kind=marketing')).emails;
    expect(outbox).toMatchObject([{ status: 'pending', attempts: 1 }]);
    expect(outbox[0].error).toMatch(/ECONNREFUSED/);
  });
});
