import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_FORMAT } from '@hourglass/documents';
import { createTestApp, publishFlow, welcomeFlow, type TestApp } from './testApp.ts';
import { Runtime } from './runtime.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const onStage = {
  format: FLOW_FORMAT, id: 'mql-flow', name: 'MQL',
  settings: { goal: { stage: { gte: 'customer' } } },
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'stage', stage: 'mql' } },
    { id: 'wait', type: 'wait', config: { for: 'P7D' } },
    { id: 'done', type: 'exit', config: {} },
  ],
  edges: [{ from: 'start', to: 'wait' }, { from: 'wait', to: 'done' }],
};

describe('Runtime', () => {
  it('fires no timer past an accepted event still in the inbox, and processes the inbox a crash left behind on the next start', async () => {
    t = createTestApp({ manualClock: true });
    const t0 = Date.parse('2026-03-02T08:00:00Z');
    t.manualClock!.set(t0);
    await publishFlow(t, welcomeFlow());
    t.runtime.ingest([{ id: 's1', contactId: 'ann', type: 'signup' }]); // ann waits a day
    t.manualClock!.set(t0 + 3_600_000);
    t.runtime.accept([[{ id: 'u1', contactId: 'ann', type: 'unsubscribed' }]]);
    // A day later the timer is due, but the unsubscribe an hour in has not been processed yet.
    t.manualClock!.set(t0 + 2 * 86_400_000);
    expect(t.runtime.fireDue()).toBe(0);
    // A new runtime on the same database (the restart after a crash) finds the event waiting.
    const again = new Runtime({ db: t.db, clock: t.manualClock!, log: () => {} });
    expect(again.inboxSize()).toBe(1);
    while (again.processInbox() > 0);
    expect(again.inboxSize()).toBe(0);
    // The unsubscribe came first, at its own instant; then the timer: the day-two email is suppressed.
    const emails = again.outbox.list({ contact: 'ann', limit: 10 }).map((m) => [m.subject, m.suppressed ?? null]);
    expect(emails).toContainEqual(['Day two', 'unsubscribed']);
  });

  it('creates a contact as its starting state, running no flow, and treats an update as an input', async () => {
    t = createTestApp({ manualClock: true });
    t.manualClock!.set(Date.parse('2026-03-02T08:00:00Z'));
    await publishFlow(t, onStage);
    t.runtime.upsertContact('born-mql', { stage: 'mql' });
    expect(t.runtime.enrolments.ofContact('born-mql')).toEqual([]);
    t.runtime.upsertContact('grows', { stage: 'lead' });
    t.runtime.upsertContact('grows', { stage: 'mql' });
    expect(t.runtime.enrolments.ofContact('grows')).toMatchObject([{ status: 'active', position: 'wait' }]);
    t.manualClock!.set(Date.parse('2026-03-03T08:00:00Z'));
    t.runtime.upsertContact('grows', { stage: 'customer' });
    expect(t.runtime.enrolments.ofContact('grows')).toMatchObject([{ status: 'goal', endedAt: Date.parse('2026-03-03T08:00:00Z') }]);
  });

  it('fires the timers due before an input first, so an event comes after the timers of its instant', async () => {
    t = createTestApp({ manualClock: true });
    t.manualClock!.set(Date.parse('2026-03-02T08:00:00Z'));
    await publishFlow(t, welcomeFlow());
    t.runtime.ingest([{ id: 'e1', contactId: 'c', type: 'signup' }]);
    // The clock moves without firing anything; the next input fires the wait first.
    t.manualClock!.set(Date.parse('2026-03-05T08:00:00Z'));
    t.runtime.ingest([{ id: 'e2', contactId: 'c', type: 'clicked' }]);
    expect(t.runtime.trace('welcome', 'c').enrolments[0]).toMatchObject({ status: 'completed', endedAt: '2026-03-03T08:00:00.000Z' });
  });

  it('drops a timer that cannot fire, so the timers behind it still fire', async () => {
    t = createTestApp({ manualClock: true });
    t.manualClock!.set(Date.parse('2026-03-02T08:00:00Z'));
    await publishFlow(t, welcomeFlow());
    t.runtime.ingest([{ id: 'e1', contactId: 'broken', type: 'signup' }, { id: 'e2', contactId: 'fine', type: 'signup' }]);
    t.db.prepare("UPDATE enrolments SET snapshot = '{\"value\":\"no-such-node\",\"context\":{\"since\":0}}' WHERE contact_id = 'broken'").run();
    expect(t.runtime.fireDue(Date.parse('2026-03-04T00:00:00Z'))).toBe(1);
    expect(t.runtime.nextTimerAt()).toBeUndefined();
    expect(t.runtime.trace('welcome', 'fine').status).toBe('completed');
  });

  it('works off a backlog of due timers in slices of at most the limit', async () => {
    t = createTestApp({ manualClock: true });
    t.manualClock!.set(Date.parse('2026-03-02T08:00:00Z'));
    await publishFlow(t, welcomeFlow());
    t.runtime.ingest(['a', 'b', 'c'].map((c) => ({ id: c, contactId: c, type: 'signup' })));
    const later = Date.parse('2026-03-10T00:00:00Z');
    expect([t.runtime.fireDue(later, 2), t.runtime.fireDue(later, 2), t.runtime.fireDue(later, 2)]).toEqual([2, 1, 0]);
  });
});
