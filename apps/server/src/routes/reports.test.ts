import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_FORMAT } from '@hourglass/documents';
import { createTestApp, publishFlow, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

/** signup → vip? yes: exit; no: split ab (a: mailA, b: mailB) → wait a day → exit. Goal: customer. */
const abFlow = {
  format: FLOW_FORMAT,
  id: 'ab-test',
  name: 'AB test',
  settings: { goal: { stage: { gte: 'customer' } } },
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'event', event: 'signup' } },
    { id: 'vip', type: 'condition', config: { if: { property: { name: 'vip', eq: true } } } },
    { id: 'vipExit', type: 'exit', config: {} },
    {
      id: 'ab',
      type: 'split',
      config: {
        branches: [
          { key: 'a', weight: 50 },
          { key: 'b', weight: 50 },
        ],
      },
    },
    { id: 'mailA', type: 'sendEmail', config: { subject: 'A', body: 'Variant A' } },
    { id: 'mailB', type: 'sendEmail', config: { subject: 'B', body: 'Variant B' } },
    { id: 'waitA', type: 'wait', config: { for: 'P1D' } },
    { id: 'waitB', type: 'wait', config: { for: 'P1D' } },
    { id: 'done', type: 'exit', config: {} },
  ],
  edges: [
    { from: 'start', to: 'vip' },
    { from: 'vip', port: 'yes', to: 'vipExit' },
    { from: 'vip', port: 'no', to: 'ab' },
    { from: 'ab', port: 'a', to: 'mailA' },
    { from: 'ab', port: 'b', to: 'mailB' },
    { from: 'mailA', to: 'waitA' },
    { from: 'mailB', to: 'waitB' },
    { from: 'waitA', to: 'done' },
    { from: 'waitB', to: 'done' },
  ],
};

let eventId = 0;
const send = (contactId: string, type: string, extra: Record<string, unknown> = {}) =>
  t.call('POST', '/api/events', { id: `ev-${++eventId}`, contactId, type, ...extra });
const engage = (contactId: string, type: string, email: string) => send(contactId, type, { data: { email, flow: 'ab-test' } });
const report = async (query = '') => {
  const r = await t.call('GET', `/api/flows/ab-test/report${query}`);
  expect(r.status).toBe(200);
  return r.body;
};

/**
 * Hand-counted traffic. Split branches by the spec's hash: c3, c7, c8 take a; c2, c4, c5, c6 take b.
 * Day 1 (version 1): c1 (vip: leaves by yes, completed at once), c2..c6 (c6 has no email: suppressed).
 * Day 2 (version 2): c7, c8. Opens: c3 twice and c7 on mailA, c2 on mailB; clicks: c3 on mailA,
 * c2 twice on mailB; c4 unsubscribes from mailB; c5 becomes a customer (goal, branch b).
 */
async function traffic() {
  t = createTestApp({ manualClock: true });
  await t.call('POST', '/api/admin/clock', { now: '2026-03-02T10:00:00Z' });
  await publishFlow(t, abFlow);
  for (const c of ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']) {
    if (c !== 'c6') await t.call('PUT', `/api/contacts/${c}`, { email: `${c}@example.com` });
    await send(c, 'signup', { properties: { ...(c === 'c1' ? { vip: true } : {}) } });
  }
  await t.call('POST', '/api/admin/clock', { now: '2026-03-03T09:00:00Z' });
  await publishFlow(t, { ...abFlow, name: 'AB test, second version' } as typeof abFlow);
  for (const c of ['c7', 'c8']) {
    await t.call('PUT', `/api/contacts/${c}`, { email: `${c}@example.com` });
    await send(c, 'signup');
  }
  await t.delivery!.drain();
  await engage('c3', 'email_opened', 'mailA');
  await engage('c3', 'email_opened', 'mailA');
  await engage('c7', 'email_opened', 'mailA');
  await engage('c2', 'email_opened', 'mailB');
  await engage('c3', 'email_clicked', 'mailA');
  await engage('c2', 'email_clicked', 'mailB');
  await engage('c2', 'email_clicked', 'mailB');
  await engage('c4', 'unsubscribed', 'mailB');
  await send('c5', 'purchase', { stage: 'customer' });
}

describe('flow report', () => {
  it('counts enrolments, steps per node and port, emails and splits of a hand-counted data set', async () => {
    await traffic();
    const now = await report();
    expect(now).toMatchObject({ flow: 'ab-test', enrolled: 8, active: 6, completed: 1, goal: 1, removed: 0 });
    expect(now.nodes.vip).toEqual({ entered: 8, ports: { yes: 1, no: 7 }, waiting: 0 });
    expect(now.nodes.ab).toEqual({ entered: 7, ports: { a: 3, b: 4 }, waiting: 0 });
    expect(now.nodes.waitA).toEqual({ entered: 3, ports: {}, waiting: 3 });
    expect(now.nodes.waitB).toEqual({ entered: 4, ports: {}, waiting: 3 });
    expect(now.perDay).toEqual([
      { day: '2026-03-02', enrolled: 6 },
      { day: '2026-03-03', enrolled: 2 },
    ]);

    await t.call('POST', '/api/admin/clock', { now: '2026-03-06T00:00:00Z' });
    const all = await report();
    expect(all).toMatchObject({ enrolled: 8, active: 0, completed: 7, goal: 1 });
    // Steps record the port of nodes with named ports only (condition, split, waitFor).
    expect(all.nodes.waitB).toEqual({ entered: 4, ports: {}, waiting: 0 });
    expect(all.nodes.done.entered).toBe(6);
    expect(all.emails.mailA).toEqual({
      sent: 3,
      suppressed: 0,
      suppressedReasons: {},
      failed: 0,
      undelivered: 0,
      opened: 3,
      uniqueOpened: 2,
      clicked: 1,
      uniqueClicked: 1,
      unsubscribed: 0,
    });
    expect(all.emails.mailB).toEqual({
      sent: 3,
      suppressed: 1,
      suppressedReasons: { 'no-email': 1 },
      failed: 0,
      undelivered: 0,
      opened: 1,
      uniqueOpened: 1,
      clicked: 2,
      uniqueClicked: 1,
      unsubscribed: 1,
    });
    expect(all.splits.ab.measure).toBe('goal');
    expect(all.splits.ab.branches).toEqual({ a: { entered: 3, goal: 0 }, b: { entered: 4, goal: 1 } });
    expect(all.splits.ab.probabilityBest.a + all.splits.ab.probabilityBest.b).toBeCloseTo(1, 9);
    expect(all.splits.ab.probabilityBest.b).toBeGreaterThan(0.5);
  });

  it('selects enrolments by the day they entered and by version', async () => {
    await traffic();
    const day2 = await report('?from=2026-03-03');
    expect(day2).toMatchObject({ from: '2026-03-03', to: null, enrolled: 2, active: 2, completed: 0, goal: 0 });
    expect(day2.nodes.vip).toEqual({ entered: 2, ports: { no: 2 }, waiting: 0 });
    expect(day2.splits.ab.branches).toEqual({ a: { entered: 2, goal: 0 }, b: { entered: 0, goal: 0 } });
    expect(day2.emails.mailA).toMatchObject({ sent: 2, opened: 1, uniqueOpened: 1, clicked: 0 });
    const day1 = await report('?from=2026-03-02&to=2026-03-03');
    expect(day1).toMatchObject({ enrolled: 6, goal: 1, completed: 1 });
    expect(day1.emails.mailA).toMatchObject({ sent: 1, opened: 2, uniqueOpened: 1, clicked: 1 });
    expect(await report('?version=1')).toMatchObject({ version: 1, enrolled: 6, goal: 1, completed: 1 });
    const v2 = await report('?version=2');
    expect(v2).toMatchObject({ version: 2, enrolled: 2, active: 2 });
    expect(v2.nodes.ab.ports).toEqual({ a: 2 });
    expect((await report('?to=2026-03-02')).enrolled).toBe(0);
  });

  it('refuses a malformed date or an unknown version or flow', async () => {
    await traffic();
    expect((await t.call('GET', '/api/flows/ab-test/report?from=2026-3-2')).status).toBe(400);
    expect((await t.call('GET', '/api/flows/ab-test/report?to=2026-02-31T00')).status).toBe(400);
    expect((await t.call('GET', '/api/flows/ab-test/report?version=9')).status).toBe(404);
    expect((await t.call('GET', '/api/flows/nope/report')).status).toBe(404);
  });

  it('keeps active and waiting right when an enrolment is removed, and forgets a deleted flow', async () => {
    await traffic();
    const { body } = await t.call('GET', '/api/flows/ab-test/enrolments');
    const c7 = body.enrolments.find((e: { contactId: string }) => e.contactId === 'c7');
    expect((await t.call('DELETE', `/api/flows/ab-test/enrolments/${c7.id}`)).status).toBe(204);
    const after = await report();
    expect(after).toMatchObject({ enrolled: 8, active: 5, removed: 1 });
    expect(after.nodes.waitA.waiting).toBe(2);
    expect((await t.call('DELETE', '/api/flows/ab-test?removeEnrolments=true')).status).toBe(204);
    await t.call('PUT', '/api/flows/ab-test', abFlow);
    expect(await report()).toMatchObject({ enrolled: 0, active: 0, perDay: [] });
  });
});
