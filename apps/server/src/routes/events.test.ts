import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, publishFlow, welcomeFlow, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const countEvents = (t: TestApp, contactId: string) =>
  (t.db.prepare('SELECT count(*) AS n FROM events WHERE contact_id = ?').get(contactId) as { n: number }).n;

describe('events', () => {
  it('accepts one event with 202 and stamps it with the server clock', async () => {
    t = createTestApp({ manualClock: true });
    await t.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
    const r = await t.call('POST', '/api/events', {
      id: 'e1',
      contactId: 'c1',
      type: 'page_viewed',
      data: { path: '/pricing' },
      properties: { plan: 'pro' },
      stage: 'lead',
    });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ accepted: 1, duplicates: 0 });
    const contact = await t.call('GET', '/api/contacts/c1');
    expect(contact.body.contact).toMatchObject({ stage: 'lead', properties: { plan: 'pro' } });
    expect(contact.body.events).toEqual([{ id: 'e1', at: '2026-03-02T08:00:00.000Z', type: 'page_viewed', data: { path: '/pricing' } }]);
  });

  it('answers "Prefer: respond-async" once the events are accepted, and processes them right after', async () => {
    t = createTestApp({ manualClock: true });
    await t.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
    await publishFlow(t, welcomeFlow());
    const r = await t.call(
      'POST',
      '/api/events',
      {
        events: [
          { id: 'a1', contactId: 'a', type: 'signup' },
          { id: 'b1', contactId: 'b', type: 'signup' },
        ],
      },
      { Prefer: 'respond-async' },
    );
    expect(r.status).toBe(202);
    expect(r.headers.get('preference-applied')).toBe('respond-async');
    expect(r.body).toEqual({ accepted: 2, duplicates: 0 });
    // Processed in the order they arrived, at the instant they arrived.
    await expect.poll(async () => (await t.call('GET', '/api/flows/welcome/enrolments')).body.enrolments?.length).toBe(2);
    expect((await t.call('GET', '/api/contacts/a')).body.events).toEqual([{ id: 'a1', at: '2026-03-02T08:00:00.000Z', type: 'signup', data: {} }]);
    // Without the header, the answer waits for the processing, as before.
    const plain = await t.call('POST', '/api/events', { id: 'c1', contactId: 'c', type: 'signup' });
    expect(plain.headers.get('preference-applied')).toBeNull();
    expect((await t.call('GET', '/api/contacts/c')).body.enrolments).toHaveLength(1);
  });

  it('ignores a replayed event id, in a later request or within the same batch, so it never counts or acts twice', async () => {
    t = createTestApp();
    await publishFlow(t, welcomeFlow());
    expect((await t.call('POST', '/api/events', { id: 'e1', contactId: 'c1', type: 'signup' })).body).toEqual({ accepted: 1, duplicates: 0 });
    const again = await t.call('POST', '/api/events', {
      events: [
        { id: 'e1', contactId: 'c1', type: 'signup' },
        { id: 'e2', contactId: 'c1', type: 'clicked' },
        { id: 'e2', contactId: 'c1', type: 'clicked' },
      ],
    });
    expect(again.body).toEqual({ accepted: 1, duplicates: 2 });
    expect(countEvents(t, 'c1')).toBe(2);
    expect((await t.call('GET', '/api/outbox?contact=c1')).body.emails).toHaveLength(1);
  });

  it('refuses wrong types with 400, listing each problem with its pointer, and applies nothing of the batch', async () => {
    t = createTestApp();
    const r = await t.call('POST', '/api/events', {
      events: [
        { id: 'ok', contactId: 'c1', type: 'signup' },
        { id: 7, contactId: 'c1', type: '', stage: 'nope', extra: true },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.body.problems.map((p: { pointer: string }) => p.pointer).sort()).toEqual(['/events/1/extra', '/events/1/id', '/events/1/stage', '/events/1/type']);
    expect(countEvents(t, 'c1')).toBe(0);
  });

  it('refuses an event without id or contact, and a batch over 1,000 events', async () => {
    t = createTestApp();
    const missing = await t.call('POST', '/api/events', { type: 'signup' });
    expect(missing.status).toBe(400);
    expect(missing.body.problems.map((p: { code: string }) => p.code)).toEqual(['missing-field', 'missing-field']);
    const events = Array.from({ length: 1001 }, (_, i) => ({ id: `e${i}`, contactId: 'c', type: 't' }));
    const tooMany = await t.call('POST', '/api/events', { events });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.problems[0].pointer).toBe('/events');
    expect((await t.call('POST', '/api/events', { events: events.slice(0, 1000) })).body).toEqual({ accepted: 1000, duplicates: 0 });
  });

  it('needs a body that is a JSON object', async () => {
    t = createTestApp();
    const r = await t.call('POST', '/api/events');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/JSON body/);
    const notObject = await t.call('POST', '/api/events', '"signup"');
    expect(notObject.status).toBe(400);
    expect(notObject.body.error).toBe('The event is not valid. /: The event must be a JSON object.');
  });

  it('keeps an accepted event whose flow email cannot be rendered, and shows the failed email with the reason', async () => {
    t = createTestApp({ manualClock: true });
    await t.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
    const doubling = '{% assign s = "0123456789" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}';
    const flow = welcomeFlow();
    flow.nodes[1]!.config = { subject: 'Hello {{ contact.firstName }}', body: doubling };
    await publishFlow(t, flow);
    const r = await t.call(
      'POST',
      '/api/events',
      { id: 'a1', contactId: 'ann', type: 'signup', properties: { firstName: 'Ann' } },
      { Prefer: 'respond-async' },
    );
    expect(r.status).toBe(202);
    await expect.poll(() => t.runtime.inboxSize()).toBe(0);
    // The event is recorded, and the contact went on past the email to the wait.
    const contact = await t.call('GET', '/api/contacts/ann');
    expect(contact.body.events).toEqual([expect.objectContaining({ id: 'a1', type: 'signup' })]);
    expect(contact.body.enrolments).toEqual([expect.objectContaining({ flowId: 'welcome', status: 'active', position: 'wait' })]);
    // The trace and the mailbox show the email as not sent, with the reason.
    const reason = /^The body cannot be rendered: it builds more than 1,048,576 characters or items while rendering\.$/;
    const trace = await t.call('GET', '/api/contacts/ann/trace?flow=welcome');
    expect(trace.body.emails).toEqual([
      { at: '2026-03-02T08:00:00.000Z', node: 'hello', to: null, subject: 'Hello Ann', suppressed: 'render-failed', error: expect.stringMatching(reason) },
    ]);
    const outbox = await t.call('GET', '/api/outbox?contact=ann&status=failed');
    expect(outbox.body.emails).toEqual([
      expect.objectContaining({ node: 'hello', status: 'failed', suppressed: 'render-failed', error: expect.stringMatching(reason), body: '' }),
    ]);
    // Nothing was dropped: no failed event either.
    expect((await t.call('GET', '/api/events/failed')).body).toEqual({ failed: [], total: 0 });
  });
});
