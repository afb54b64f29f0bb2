import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_FORMAT } from '@hourglass/documents';
import { createTestApp, publishFlow, welcomeFlow, type TestApp } from './testApp.ts';

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
