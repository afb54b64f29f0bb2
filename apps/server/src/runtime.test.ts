import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_FORMAT } from '@hourglass/documents';
import { createTestApp, publishFlow, welcomeFlow, type TestApp } from './testApp.ts';
import { Runtime } from './runtime.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const onStage = {
  format: FLOW_FORMAT,
  id: 'mql-flow',
  name: 'MQL',
  settings: { goal: { stage: { gte: 'customer' } } },
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'stage', stage: 'mql' } },
    { id: 'wait', type: 'wait', config: { for: 'P7D' } },
    { id: 'done', type: 'exit', config: {} },
  ],
  edges: [
    { from: 'start', to: 'wait' },
    { from: 'wait', to: 'done' },
  ],
};

/** Makes a contact's enrolment impossible to restore, so any input that reaches it throws. */
function breakEnrolmentOf(contactId: string) {
  t.db.prepare(`UPDATE enrolments SET snapshot = '{"value":"no-such-node","context":{"since":0}}' WHERE contact_id = ?`).run(contactId);
}
const countOf = (table: 'events' | 'emails', contactId: string) =>
  (t.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE contact_id = ?`).get(contactId) as { n: number }).n;

describe('Runtime', () => {
  it('fires no timer past an accepted event still in the inbox, and processes the inbox a crash left behind on the next start', async () => {
    t = createTestApp({ manualClock: true });
    const t0 = Date.parse('2026-03-02T08:00:00Z');
    t.manualClock!.set(t0);
    await publishFlow(t, welcomeFlow());
    await t.runtime.submit([{ id: 's1', contactId: 'ann', type: 'signup' }]); // ann waits a day
    t.manualClock!.set(t0 + 3_600_000);
    t.runtime.accept([[{ id: 'u1', contactId: 'ann', type: 'unsubscribed' }]]);
    // A day later the timer is due, but the unsubscribe an hour in has not been processed yet.
    t.manualClock!.set(t0 + 2 * 86_400_000);
    expect(t.runtime.fireDueTimers()).toBe(0);
    // A new runtime on the same database (the restart after a crash) finds the event waiting.
    const again = new Runtime({ db: t.db, clock: t.manualClock!, log: () => {} });
    expect(again.inboxSize()).toBe(1);
    while (again.processInbox() > 0);
    expect(again.inboxSize()).toBe(0);
    // The unsubscribe came first, at its own instant; then the timer: the day-two email is suppressed.
    const emails = again.repos.outbox.list({ contact: 'ann', limit: 10 }).map((m) => [m.subject, m.suppressed ?? null]);
    expect(emails).toContainEqual(['Day two', 'unsubscribed']);
  });

  it('creates a contact as its starting state, running no flow, and treats an update as an input', async () => {
    t = createTestApp({ manualClock: true });
    t.manualClock!.set(Date.parse('2026-03-02T08:00:00Z'));
    await publishFlow(t, onStage);
    expect(await t.runtime.upsertContact('born-mql', { stage: 'mql' })).toMatchObject({ created: true, contact: { stage: 'mql' } });
    expect(t.runtime.repos.enrolments.ofContact('born-mql')).toEqual([]);
    await t.runtime.upsertContact('grows', { stage: 'lead' });
    expect(await t.runtime.upsertContact('grows', { stage: 'mql' })).toMatchObject({ created: false });
    expect(t.runtime.repos.enrolments.ofContact('grows')).toMatchObject([{ status: 'active', position: 'wait' }]);
    t.manualClock!.set(Date.parse('2026-03-03T08:00:00Z'));
    await t.runtime.upsertContact('grows', { stage: 'customer' });
    expect(t.runtime.repos.enrolments.ofContact('grows')).toMatchObject([{ status: 'goal', endedAt: Date.parse('2026-03-03T08:00:00Z') }]);
  });

  it('fires the timers due before an input first, so an event comes after the timers of its instant', async () => {
    t = createTestApp({ manualClock: true });
    t.manualClock!.set(Date.parse('2026-03-02T08:00:00Z'));
    await publishFlow(t, welcomeFlow());
    await t.runtime.submit([{ id: 'e1', contactId: 'c', type: 'signup' }]);
    // The clock moves without firing anything; the next input fires the wait first.
    t.manualClock!.set(Date.parse('2026-03-05T08:00:00Z'));
    await t.runtime.submit([{ id: 'e2', contactId: 'c', type: 'clicked' }]);
    expect(t.runtime.workspace.trace('welcome', 'c').enrolments[0]).toMatchObject({ status: 'completed', endedAt: '2026-03-03T08:00:00.000Z' });
  });

  it('drops a timer that cannot fire, so the timers around it fire, each once', async () => {
    t = createTestApp({ manualClock: true });
    t.manualClock!.set(Date.parse('2026-03-02T08:00:00Z'));
    await publishFlow(t, welcomeFlow());
    await t.runtime.submit(['before', 'broken', 'after'].map((c) => ({ id: c, contactId: c, type: 'signup' })));
    breakEnrolmentOf('broken');
    expect(t.runtime.fireDueTimers(Date.parse('2026-03-04T00:00:00Z'))).toBe(2);
    expect(t.runtime.nextTimerAt()).toBeUndefined();
    expect(t.runtime.workspace.trace('welcome', 'before').status).toBe('completed');
    expect(t.runtime.workspace.trace('welcome', 'after').status).toBe('completed');
    expect([countOf('emails', 'before'), countOf('emails', 'after'), countOf('emails', 'broken')]).toEqual([2, 2, 1]);
  });

  it('rolls back a failing event alone and keeps it with its error: the events around it in the same slice are processed once', async () => {
    t = createTestApp({ manualClock: true });
    t.manualClock!.set(Date.parse('2026-03-02T08:00:00Z'));
    await publishFlow(t, welcomeFlow());
    const logged: string[] = [];
    const runtime = new Runtime({ db: t.db, clock: t.manualClock!, log: (m) => logged.push(m) });
    await runtime.submit([{ id: 's1', contactId: 'broken', type: 'signup' }]);
    breakEnrolmentOf('broken');
    runtime.accept([
      [
        { id: 'a', contactId: 'before', type: 'signup' },
        { id: 'b', contactId: 'broken', type: 'clicked' },
        { id: 'c', contactId: 'after', type: 'signup' },
      ],
    ]);
    while (runtime.processInbox() > 0);
    expect(runtime.inboxSize()).toBe(0);
    expect(countOf('events', 'before')).toBe(1);
    expect(countOf('events', 'after')).toBe(1);
    expect(countOf('emails', 'after')).toBe(1);
    // The broken contact's event was rolled back with everything it did.
    expect(countOf('events', 'broken')).toBe(1);
    expect(logged).toEqual([expect.stringMatching(/^Event b of contact broken could not be processed; it is kept with the failed events/)]);
    // Accepted, so never lost: the event is kept as sent, with its error, and listed by the API.
    const failed = await t.call('GET', '/api/events/failed');
    expect(failed.body).toEqual({
      total: 1,
      failed: [
        {
          n: 1,
          eventId: 'b',
          contactId: 'broken',
          at: '2026-03-02T08:00:00.000Z',
          failedAt: '2026-03-02T08:00:00.000Z',
          event: { id: 'b', contactId: 'broken', type: 'clicked' },
          error: expect.any(String),
        },
      ],
    });
  });

  it('counts the events waiting in the inbox exactly while it is worked off slice by slice', async () => {
    t = createTestApp({ manualClock: true });
    t.manualClock!.set(Date.parse('2026-03-02T08:00:00Z'));
    await publishFlow(t, welcomeFlow());
    const signup = (id: string, contactId = id) => ({ id, contactId, type: 'signup' });
    t.runtime.accept([
      [signup('a'), signup('b'), signup('c')],
      [signup('d'), signup('a')],
    ]);
    const sizes = [t.runtime.inboxSize()];
    for (let i = 0; i < 3; i++) {
      t.runtime.processInbox(2);
      sizes.push(t.runtime.inboxSize());
    }
    t.runtime.accept([[signup('e'), signup('f')]]);
    sizes.push(t.runtime.inboxSize());
    expect(sizes).toEqual([5, 3, 1, 0, 2]);
    expect(countOf('events', 'a')).toBe(1);
  });

  it('answers a command that fails with its error while the inputs around it in the slice commit', async () => {
    t = createTestApp({ manualClock: true });
    t.manualClock!.set(Date.parse('2026-03-02T08:00:00Z'));
    await publishFlow(t, welcomeFlow());
    await t.runtime.submit([{ id: 's1', contactId: 'broken', type: 'signup' }]);
    breakEnrolmentOf('broken');
    const accepted = t.runtime.accept([
      [{ id: 'a', contactId: 'first', type: 'signup' }],
      { kind: 'contactUpdate', contactId: 'broken', changes: { stage: 'lead' } },
      { kind: 'contactUpdate', contactId: 'fine', changes: { stage: 'lead' } },
      [{ id: 'c', contactId: 'last', type: 'signup' }],
    ]);
    expect(accepted.map((o) => (o instanceof Error ? o : o.last))).toEqual([1, 2, 3, 4]);
    const answers = new Map<number, unknown>();
    expect(t.runtime.processInbox(64, { answer: (n, o) => answers.set(n, o) })).toBe(4);
    expect(answers.get(2)).toBeInstanceOf(Error);
    expect(answers.get(3)).toMatchObject({ created: true, contact: { id: 'fine', stage: 'lead' } });
    expect(t.runtime.repos.store.getContact('broken')!.stage).toBe('subscriber');
    expect([countOf('events', 'first'), countOf('events', 'last')]).toEqual([1, 1]);
    expect([countOf('emails', 'first'), countOf('emails', 'last')]).toEqual([1, 1]);
  });

  it('processes a contact update after the events accepted before it, never synchronously before them', async () => {
    t = createTestApp({ manualClock: true });
    t.manualClock!.set(Date.parse('2026-03-02T08:00:00Z'));
    await publishFlow(t, onStage);
    // A backlog waits in the inbox; the contact's own event is last in it.
    t.runtime.accept([Array.from({ length: 200 }, (_, i) => ({ id: `b${i}`, contactId: `b${i}`, type: 'visit' }))]);
    t.runtime.accept([[{ id: 'x', contactId: 'ann', type: 'visit', stage: 'lead' as const }]]);
    const update = t.runtime.upsertContact('ann', { stage: 'mql' });
    // Asking returns at once: nothing was processed in the caller's turn.
    expect(t.runtime.inboxSize()).toBe(201);
    expect(await update).toMatchObject({ created: false, contact: { stage: 'mql' } });
    expect(t.runtime.inboxSize()).toBe(0);
    // The event made ann a lead first; the update then took her to MQL, which enrolled her.
    expect(t.runtime.repos.enrolments.ofContact('ann')).toMatchObject([{ status: 'active', position: 'wait' }]);
  });

  it('works off a backlog of due timers in slices of at most the limit', async () => {
    t = createTestApp({ manualClock: true });
    t.manualClock!.set(Date.parse('2026-03-02T08:00:00Z'));
    await publishFlow(t, welcomeFlow());
    await t.runtime.submit(['a', 'b', 'c'].map((c) => ({ id: c, contactId: c, type: 'signup' })));
    const later = Date.parse('2026-03-10T00:00:00Z');
    expect([t.runtime.fireDueTimers(later, 2), t.runtime.fireDueTimers(later, 2), t.runtime.fireDueTimers(later, 2)]).toEqual([2, 1, 0]);
  });
});
