import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, publishFlow, welcomeFlow, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const manualFlow = () => welcomeFlow('by-hand', { nodes: [{ id: 'start', type: 'trigger', config: { on: 'manual' } }, ...welcomeFlow().nodes.slice(1)] });

describe('enrolments', () => {
  it('enrols a contact by hand through the manual trigger', async () => {
    t = createTestApp();
    await publishFlow(t, manualFlow());
    await t.call('PUT', '/api/contacts/c1', { email: 'c1@example.com' });
    const r = await t.call('POST', '/api/flows/by-hand/enrolments', { contactId: 'c1' });
    expect(r.status).toBe(201);
    expect(r.body.enrolment).toMatchObject({ flowId: 'by-hand', contactId: 'c1', version: 1, status: 'active', position: 'wait', endedAt: null });
  });

  it('refuses a second enrolment, a flow without manual trigger and an unpublished flow with 409 and a reason', async () => {
    t = createTestApp();
    await publishFlow(t, manualFlow());
    await publishFlow(t, welcomeFlow());
    await t.call('PUT', '/api/flows/draft-only', welcomeFlow('draft-only'));
    await t.call('PUT', '/api/contacts/c1', {});
    await t.call('POST', '/api/flows/by-hand/enrolments', { contactId: 'c1' });
    const reasons = [];
    for (const flow of ['by-hand', 'welcome', 'draft-only']) {
      const r = await t.call('POST', `/api/flows/${flow}/enrolments`, { contactId: 'c1' });
      expect(r.status).toBe(409);
      reasons.push(r.body.reason);
    }
    expect(reasons).toEqual(['already-enrolled', 'no-manual-trigger', 'not-published']);
  });

  it('answers 404 for an unknown contact or flow, and 400 without a contact id', async () => {
    t = createTestApp();
    await publishFlow(t, manualFlow());
    expect((await t.call('POST', '/api/flows/by-hand/enrolments', { contactId: 'ghost' })).status).toBe(404);
    expect((await t.call('POST', '/api/flows/nope/enrolments', { contactId: 'ghost' })).status).toBe(404);
    expect((await t.call('POST', '/api/flows/by-hand/enrolments', {})).status).toBe(400);
  });

  it('counts the active contacts waiting on each node', async () => {
    t = createTestApp();
    await publishFlow(t, welcomeFlow());
    await t.call('POST', '/api/events', { events: ['a', 'b', 'c'].map((c) => ({ id: `e-${c}`, contactId: c, type: 'signup' })) });
    const r = await t.call('GET', '/api/flows/welcome/enrolments');
    expect(r.body.counts).toEqual({ wait: 3 });
    expect(r.body.versions).toEqual({ '1': 3 });
    expect(r.body.enrolments.map((e: { contactId: string }) => e.contactId)).toEqual(['c', 'b', 'a']);
  });

  it('removes a contact from a flow with its pending timer', async () => {
    t = createTestApp();
    await publishFlow(t, welcomeFlow());
    await t.call('POST', '/api/events', { id: 'e1', contactId: 'c1', type: 'signup' });
    const [enrolment] = (await t.call('GET', '/api/flows/welcome/enrolments')).body.enrolments;
    expect(t.runtime.nextTimerAt()).toBeDefined();
    expect((await t.call('DELETE', `/api/flows/welcome/enrolments/${enrolment.id}`)).status).toBe(204);
    expect((await t.call('GET', '/api/flows/welcome/enrolments')).body).toEqual({ counts: {}, versions: {}, enrolments: [] });
    expect(t.runtime.nextTimerAt()).toBeUndefined();
    expect((await t.call('DELETE', `/api/flows/welcome/enrolments/${enrolment.id}`)).status).toBe(404);
  });
});
