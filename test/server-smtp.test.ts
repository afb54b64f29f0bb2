// Email delivery through nodemailer to a real SMTP server started by the test.
import { describe, expect, it } from 'vitest';
import { FLOW_FORMAT } from '@hourglass/documents';
import { inProcessServers } from './inProcessServer.ts';
import { freePort } from './serverProcess.ts';

const flow = {
  format: FLOW_FORMAT,
  id: 'demo',
  name: 'Demo follow-up',
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'event', event: 'demo_requested' } },
    { id: 'thanks', type: 'sendEmail', config: { subject: 'Thanks, {{ contact.firstName }}', body: 'We will call you.', from: 'Sales <sales@acme.test>' } },
    { id: 'hand', type: 'handoff', config: { fallback: 'sam@acme.test' } },
  ],
  edges: [
    { from: 'start', to: 'thanks' },
    { from: 'thanks', to: 'hand' },
  ],
};

const TOKEN = 'smtp-test-token-of-32-characters-or-more';

const servers = inProcessServers(TOKEN);

/** Starts Hourglass in this process on a real port, with a manual clock and `smtpUrl`. */
async function start(smtpUrl: string) {
  const { call } = await servers.start({ SMTP_URL: smtpUrl });
  await call('PUT', '/api/flows/demo', flow);
  await call('POST', '/api/flows/demo/publish', {});
  await call('PUT', '/api/contacts/c1', { email: 'dana@example.com', properties: { firstName: 'Dana' } });
  return call;
}

describe('email through SMTP', () => {
  it("delivers marketing email and the owner's notification to the SMTP server, once each, and records them sent", async () => {
    const smtp = await servers.smtp();
    const call = await start(smtp.url);
    await call('POST', '/api/events', { id: 'e1', contactId: 'c1', type: 'demo_requested' });
    await call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' }); // answers once the outbox is drained
    const outbox = (await call('GET', '/api/outbox')).emails as { id: string; kind: string; status: string }[];
    expect(outbox.map((m) => [m.kind, m.status])).toEqual([
      ['notification', 'sent'],
      ['marketing', 'sent'],
    ]);
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
