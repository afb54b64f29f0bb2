import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, publishFlow, welcomeFlow, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

describe('outbox', () => {
  it('is the local mailbox without SMTP: emails sent and suppressed, by flow and contact, newest first', async () => {
    t = createTestApp({ manualClock: true });
    await t.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
    await publishFlow(t, welcomeFlow());
    await t.call('PUT', '/api/contacts/anna', { email: 'anna@example.com', properties: { firstName: 'Anna' } });
    await t.call('PUT', '/api/contacts/ben', { properties: { firstName: 'Ben' } });
    await t.call('POST', '/api/events', {
      events: [
        { id: 'e1', contactId: 'anna', type: 'signup' },
        { id: 'e2', contactId: 'ben', type: 'signup' },
      ],
    });
    await t.call('POST', '/api/admin/clock', { now: '2026-03-03T08:00:00Z' });

    const anna = (await t.call('GET', '/api/outbox?contact=anna')).body.emails;
    expect(anna.map((m: { subject: string; status: string; at: string }) => [m.subject, m.status, m.at])).toEqual([
      ['Day two', 'sent', '2026-03-03T08:00:00.000Z'],
      ['Hello Anna', 'sent', '2026-03-02T08:00:00.000Z'],
    ]);
    expect(anna[1]).toMatchObject({
      kind: 'marketing',
      flowId: 'welcome',
      node: 'hello',
      to: 'anna@example.com',
      body: 'Welcome!',
      sentAt: '2026-03-02T08:00:00.000Z',
    });
    const ben = (await t.call('GET', '/api/outbox?status=suppressed')).body.emails;
    expect(ben.map((m: { contactId: string; suppressed: string; to: null }) => [m.contactId, m.suppressed, m.to])).toEqual([
      ['ben', 'no-email', null],
      ['ben', 'no-email', null],
    ]);
    expect((await t.call('GET', '/api/outbox?flow=welcome&status=sent')).body.emails).toHaveLength(2);
    expect((await t.call('GET', '/api/outbox?flow=other')).body.emails).toHaveLength(0);
    expect((await t.call('GET', '/api/outbox?status=lost')).status).toBe(400);
  });
});
