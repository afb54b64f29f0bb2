import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, publishFlow, salesFlow, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

async function handedOver(contactId = 'c1') {
  t = createTestApp({ manualClock: true });
  await t.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
  await publishFlow(t, salesFlow);
  await t.call('PUT', `/api/contacts/${contactId}`, { email: 'dana@example.com', properties: { firstName: 'Dana' } });
  await t.call('POST', '/api/events', { id: 'e1', contactId, type: 'demo_requested' });
  return (await t.call('GET', '/api/handoffs')).body.handoffs[0];
}

describe('handoffs', () => {
  it('shows a handoff in the sales inbox with owner, score split, stage, recent events and emails received', async () => {
    const h = await handedOver();
    expect(h).toMatchObject({
      flowId: 'to-sales',
      contactId: 'c1',
      node: 'hand',
      at: '2026-03-02T08:00:00.000Z',
      owner: 'sam@example.com',
      score: { score: 0, fit: 0, behaviour: 0, adjustments: 0 },
      stage: 'sql',
      properties: { firstName: 'Dana' },
      recentEvents: [{ at: '2026-03-02T08:00:00.000Z', type: 'demo_requested', data: {} }],
      emailsReceived: [],
      status: 'open',
      feedbackAt: null,
    });
    expect((await t.call('GET', '/api/handoffs?owner=sam@example.com&status=open')).body.handoffs).toHaveLength(1);
    expect((await t.call('GET', '/api/handoffs?owner=someone@else')).body.handoffs).toHaveLength(0);
    expect((await t.call('GET', '/api/handoffs?status=maybe')).status).toBe(400);
  });

  it('notifies the owner through the outbox', async () => {
    await handedOver();
    const [note] = (await t.call('GET', '/api/outbox?kind=notification')).body.emails;
    expect(note).toMatchObject({ kind: 'notification', to: 'sam@example.com', status: 'sent', subject: 'New lead for you: Dana (score 0)' });
  });

  it('sends the verdict of sales into the flows as a sales_feedback event', async () => {
    const h = await handedOver();
    await t.call('POST', '/api/admin/clock', { now: '2026-03-03T08:00:00Z' });
    const r = await t.call('POST', `/api/handoffs/${h.id}/feedback`, { verdict: 'accepted', note: 'Good fit' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: h.id, status: 'accepted', note: 'Good fit', feedbackAt: '2026-03-03T08:00:00.000Z' });
    const contact = (await t.call('GET', '/api/contacts/c1')).body;
    expect(contact.events[0]).toMatchObject({ type: 'sales_feedback', data: { verdict: 'accepted', handoff: h.id, note: 'Good fit' } });
    expect(contact.contact.stage).toBe('opportunity');
    const trace = (await t.call('GET', '/api/contacts/c1/trace?flow=to-sales')).body;
    expect(trace.enrolments[0].steps.map((s: { node: string; port?: string }) => (s.port ? `${s.node}:${s.port}` : s.node))).toEqual([
      'start',
      'hand',
      'verdict:met',
      'won',
      'done',
    ]);
  });

  it('takes one verdict per handoff and refuses bad ones', async () => {
    const h = await handedOver();
    expect((await t.call('POST', `/api/handoffs/${h.id}/feedback`, { verdict: 'maybe' })).status).toBe(400);
    expect((await t.call('POST', `/api/handoffs/${h.id}/feedback`, { verdict: 'rejected' })).status).toBe(200);
    expect((await t.call('POST', `/api/handoffs/${h.id}/feedback`, { verdict: 'accepted' })).status).toBe(409);
    expect((await t.call('POST', '/api/handoffs/nope/feedback', { verdict: 'accepted' })).status).toBe(404);
  });
});
