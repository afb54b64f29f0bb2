import { afterEach, describe, expect, it } from 'vitest';
import { ContactExport } from '@hourglass/api';
import { createTestApp, publishFlow, welcomeFlow, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const scoring = {
  format: 'hourglass.scoring/1',
  fit: [{ if: { property: { name: 'employees', gte: 50 } }, points: 15 }],
  behaviour: [{ event: 'email_clicked', points: 5 }],
};

describe('contacts', () => {
  it('creates and updates a contact, merging properties and moving the stage forward only', async () => {
    t = createTestApp();
    const created = await t.call('PUT', '/api/contacts/c-anna', { email: 'anna@example.com', stage: 'mql', properties: { firstName: 'Anna' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: 'c-anna', email: 'anna@example.com', stage: 'mql', owner: null, properties: { firstName: 'Anna' } });
    const updated = await t.call('PUT', '/api/contacts/c-anna', { stage: 'lead', owner: 'sam@example.com', properties: { employees: 120 } });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({
      id: 'c-anna',
      email: 'anna@example.com',
      stage: 'mql',
      owner: 'sam@example.com',
      properties: { firstName: 'Anna', employees: 120 },
    });
    expect((await t.call('PUT', '/api/contacts/c-anna', { email: null })).body.email).toBeUndefined();
  });

  it('refuses wrong types in a contact with 400 and a problem at its pointer', async () => {
    t = createTestApp();
    const r = await t.call('PUT', '/api/contacts/c1', { stage: 'boss', properties: { nested: { no: 1 } } });
    expect(r.status).toBe(400);
    expect(r.body.problems.map((p: { pointer: string }) => p.pointer).sort()).toEqual(['/properties/nested', '/stage']);
  });

  it("gives a contact's score split into fit, behaviour and adjustments, with its events and enrolments", async () => {
    t = createTestApp();
    await t.call('PUT', '/api/scoring', scoring);
    await publishFlow(t, welcomeFlow());
    await t.call('PUT', '/api/contacts/c1', { email: 'c1@example.com', properties: { employees: 60 } });
    await t.call('POST', '/api/events', {
      events: [
        { id: 'e1', contactId: 'c1', type: 'email_clicked' },
        { id: 'e2', contactId: 'c1', type: 'signup' },
      ],
    });
    const r = await t.call('GET', '/api/contacts/c1');
    expect(r.body.score).toEqual({ score: 20, fit: 15, behaviour: 5, adjustments: 0 });
    expect(r.body.events.map((e: { id: string }) => e.id)).toEqual(['e2', 'e1']);
    expect(r.body.enrolments).toMatchObject([{ flowId: 'welcome', status: 'active', position: 'wait', version: 1 }]);
    expect((await t.call('GET', '/api/contacts/nobody')).status).toBe(404);
  });

  it('lists contacts with their score and finds them by id, email or property', async () => {
    t = createTestApp();
    await t.call('PUT', '/api/scoring', scoring);
    await t.call('PUT', '/api/contacts/c1', { email: 'anna@acme.io', properties: { employees: 60, company: 'Acme' } });
    await t.call('PUT', '/api/contacts/c2', { email: 'ben@globex.io', properties: { company: 'Globex' } });
    const all = await t.call('GET', '/api/contacts');
    expect(all.body.contacts.map((c: { id: string; score: number }) => [c.id, c.score]).sort()).toEqual([
      ['c1', 15],
      ['c2', 0],
    ]);
    expect((await t.call('GET', '/api/contacts?search=GLOBEX')).body.contacts.map((c: { id: string }) => c.id)).toEqual(['c2']);
    expect((await t.call('GET', '/api/contacts?search=anna@')).body.contacts.map((c: { id: string }) => c.id)).toEqual(['c1']);
    expect((await t.call('GET', '/api/contacts?limit=1')).body.contacts).toHaveLength(1);
    expect((await t.call('GET', '/api/contacts?limit=zero')).status).toBe(400);
  });

  it('erases a contact and everything about it, so a replayed event starts afresh', async () => {
    t = createTestApp({ manualClock: true });
    await t.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
    await publishFlow(t, welcomeFlow());
    await t.call('PUT', '/api/contacts/c1', { email: 'c1@example.com' });
    await t.call('POST', '/api/events', { id: 'e1', contactId: 'c1', type: 'signup' });
    expect((await t.call('DELETE', '/api/contacts/c1')).status).toBe(204);
    expect((await t.call('GET', '/api/contacts/c1')).status).toBe(404);
    expect((await t.call('GET', '/api/outbox?contact=c1')).body.emails).toEqual([]);
    expect((await t.call('GET', '/api/flows/welcome/enrolments')).body).toEqual({ counts: {}, versions: {}, enrolments: [] });
    expect(t.runtime.nextTimerAt()).toBeUndefined();
    for (const table of ['events', 'event_ids', 'enrolments', 'steps', 'emails', 'handoffs']) {
      const column = table === 'steps' ? 'enrolment_id' : 'contact_id';
      expect(t.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} IS NOT NULL`).get(), table).toEqual({ n: 0 });
    }
    expect((await t.call('DELETE', '/api/contacts/c1')).status).toBe(404);
  });

  it('exports everything stored about a contact that went through a flow as one JSON file', async () => {
    t = createTestApp({ manualClock: true });
    await t.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
    await publishFlow(t, welcomeFlow());
    await t.call('PUT', '/api/contacts/c1', { email: 'c1@example.com', properties: { firstName: 'Cleo' } });
    await t.call('POST', '/api/events', {
      events: [
        { id: 'e1', contactId: 'c1', type: 'signup', data: { plan: 'pro' } },
        { id: 'e2', contactId: 'c1', type: 'page_viewed' },
      ],
    });
    await t.call('POST', '/api/admin/clock', { now: '2026-03-03T09:00:00Z' });
    await t.call('PUT', '/api/contacts/c2', { email: 'c2@example.com' });
    // Accepted, not processed yet.
    t.runtime.accept([[{ id: 'e3', contactId: 'c1', type: 'page_viewed', data: { page: '/pricing' } }]]);

    const r = await t.call('GET', '/api/contacts/c1/export');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="contact-c1.json"');
    const doc = ContactExport.parse(r.body);
    expect(doc).toMatchObject({
      format: 'hourglass.contact-export/1',
      contact: { id: 'c1', email: 'c1@example.com', properties: { firstName: 'Cleo' } },
      events: [
        { id: 'e1', type: 'signup', data: { plan: 'pro' } },
        { id: 'e2', type: 'page_viewed' },
      ],
      queuedEvents: [{ acceptedAt: '2026-03-03T09:00:00.000Z', event: { id: 'e3', contactId: 'c1', data: { page: '/pricing' } } }],
      enrolments: [{ flowId: 'welcome', status: 'completed', timers: [] }],
      emails: [
        { node: 'hello', to: 'c1@example.com', subject: 'Hello Cleo', body: 'Welcome!' },
        { node: 'again', subject: 'Day two', body: 'Still here?' },
      ],
      handoffs: [],
      consents: [],
    });
    expect(doc.enrolments[0]!.steps.map((s) => s.node)).toEqual(['start', 'hello', 'wait', 'again', 'done']);
    expect((await t.call('GET', '/api/contacts/nobody/export')).status).toBe(404);
  });

  it("gives a real contact's trace in the hourglass.trace/1 shape, as of now", async () => {
    t = createTestApp({ manualClock: true });
    await t.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
    await publishFlow(t, welcomeFlow());
    await t.call('PUT', '/api/contacts/c1', { email: 'c1@example.com', properties: { firstName: 'Cleo' } });
    await t.call('POST', '/api/events', { id: 'e1', contactId: 'c1', type: 'signup' });
    const r = await t.call('GET', '/api/contacts/c1/trace?flow=welcome');
    expect(r.text).toMatch(/^\{\n {2}"format": "hourglass.trace\/1",\n {2}"flow": "welcome",\n {2}"contact": "c1",\n {2}"status": "active"/);
    expect(r.body).toMatchObject({
      status: 'active',
      enrolments: [{ status: 'active', enteredAt: '2026-03-02T08:00:00.000Z', endedAt: null, position: 'wait' }],
      emails: [{ at: '2026-03-02T08:00:00.000Z', node: 'hello', to: 'c1@example.com', subject: 'Hello Cleo' }],
      contact: { score: 0, stage: 'subscriber', owner: null, properties: { firstName: 'Cleo' } },
    });
    expect((await t.call('GET', '/api/contacts/c1/trace?flow=nope')).status).toBe(404);
    expect((await t.call('GET', '/api/contacts/c1/trace')).status).toBe(400);
  });
});
