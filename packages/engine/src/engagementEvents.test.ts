// The events that come back from sent email (campaign spec §3) are ordinary events to the engine:
// scoring counts them, conditions and waitFors match their data, triggers start on them, and
// `unsubscribed` suppresses later email. The simulator and the server run the same Engine, so a
// scenario and the same inputs fed to an Engine as the server feeds it give the same emails.
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { MemoryStore } from './memoryStore.ts';
import { cond, flowOf, onEvent, path, run } from './testSupport.ts';

const trigger = { id: 'start', type: 'trigger', config: onEvent('signup') };
const email = (id: string, body = `Body of ${id}`) => ({ id, type: 'sendEmail', config: { subject: id, body } });
const exit = { id: 'done', type: 'exit' };
const signup = { at: 'PT0S', type: 'signup' };
// The data the public routes put on each event (flow `test-flow`, the id flowOf gives).
const opened = (at: string, node = 'welcome') => ({ at, type: 'email_opened', data: { email: node, flow: 'test-flow' } });
const clicked = (at: string, node = 'welcome', url = 'https://example.com/paper') => ({
  at,
  type: 'email_clicked',
  data: { email: node, flow: 'test-flow', url },
});
const unsubscribed = (at: string, node = 'welcome') => ({ at, type: 'unsubscribed', data: { email: node, flow: 'test-flow' } });

// welcome → wait for a click on welcome (3 days) → met: case-study, timeout: reminder → done
const nurture = flowOf(
  [
    trigger,
    email('welcome', 'Read [the paper](https://example.com/paper).'),
    { id: 'engaged', type: 'waitFor', config: { until: { event: { type: 'email_clicked', where: { email: 'welcome' } } }, timeout: 'P3D' } },
    email('case-study'),
    email('reminder'),
    exit,
  ],
  [
    ['start', 'welcome'],
    ['welcome', 'engaged'],
    ['engaged', 'case-study', 'met'],
    ['engaged', 'reminder', 'timeout'],
    ['case-study', 'done'],
    ['reminder', 'done'],
  ],
);

describe('email_opened, email_clicked and unsubscribed as events', () => {
  it('earns behaviour points for opens and clicks, filtered by the email they name, and takes points for an unsubscribe', () => {
    const scoring = {
      behaviour: [
        { event: 'email_opened', points: 2, max: 4 },
        { event: 'email_clicked', where: { email: 'welcome' }, points: 10 },
        { event: 'unsubscribed', points: -20 },
      ],
    };
    const flow = flowOf(
      [trigger, { id: 'w', type: 'wait', config: { for: 'P20D' } }, exit],
      [
        ['start', 'w'],
        ['w', 'done'],
      ],
    );
    const score = (events: Record<string, unknown>[]) => run(flow, { events: [signup, ...events] }, scoring).trace.contact.score;
    expect(score([])).toBe(0);
    expect(score([opened('PT1H'), opened('PT2H'), opened('PT3H')])).toBe(4);
    expect(score([clicked('PT1H'), clicked('PT2H', 'other')])).toBe(10);
    expect(score([opened('PT1H'), clicked('PT2H'), unsubscribed('PT3H')])).toBe(2 + 10 - 20);
  });

  it('moves a waitFor on by met at a click on the email it names, and not at an open or a click on another email', () => {
    expect(path(run(nurture, { events: [signup, clicked('P1D')] }))).toEqual(['start', 'welcome', 'engaged:met', 'case-study', 'done']);
    const steps = run(nurture, { events: [signup, clicked('P1D')] }).trace.enrolments[0]!.steps;
    expect(steps.find((s) => s.node === 'case-study')!.at).toBe('2026-03-03T08:00:00.000Z');
    expect(path(run(nurture, { events: [signup, opened('PT1H'), clicked('P1D', 'other')] }))).toEqual([
      'start',
      'welcome',
      'engaged:timeout',
      'reminder',
      'done',
    ]);
  });

  it('does not count a click before the contact reached the waitFor', () => {
    // The click of a day before comes from another flow's email of the same id: the waitFor only counts later events.
    const sim = run(nurture, { events: [clicked('PT0S'), { at: 'PT1H', type: 'signup' }] });
    expect(path(sim)).toEqual(['start', 'welcome', 'engaged:timeout', 'reminder', 'done']);
  });

  it('answers a condition on whether the contact opened the email, matching the data of the event', () => {
    const flow = flowOf(
      [
        trigger,
        email('welcome'),
        { id: 'w', type: 'wait', config: { for: 'P2D' } },
        { id: 'read', type: 'condition', config: cond({ event: { type: 'email_opened', where: { email: 'welcome', flow: 'test-flow' } } }) },
        { id: 'y', type: 'exit' },
        { id: 'n', type: 'exit' },
      ],
      [
        ['start', 'welcome'],
        ['welcome', 'w'],
        ['w', 'read'],
        ['read', 'y', 'yes'],
        ['read', 'n', 'no'],
      ],
    );
    expect(path(run(flow, { events: [signup, opened('PT5H')] }))).toContain('read:yes');
    expect(path(run(flow, { events: [signup, { ...opened('PT5H'), data: { email: 'welcome', flow: 'another-flow' } }] }))).toContain('read:no');
  });

  it('starts a flow whose trigger is a click on a given email', () => {
    const flow = flowOf(
      [{ id: 'start', type: 'trigger', config: onEvent('email_clicked', { email: 'welcome', flow: 'test-flow' }) }, exit],
      [['start', 'done']],
    );
    expect(run(flow, { events: [clicked('PT1H')] }).trace.status).toBe('completed');
    expect(run(flow, { events: [opened('PT1H')] }).trace.status).toBe('not-enrolled');
  });

  it('sets properties.unsubscribed at an unsubscribe, so every later email is suppressed while the flow goes on', () => {
    const sim = run(nurture, { events: [signup, unsubscribed('PT1H')] });
    expect(sim.trace.contact.properties.unsubscribed).toBe(true);
    expect(sim.trace.emails.map((m) => [m.node, m.suppressed ?? 'sent'])).toEqual([
      ['welcome', 'sent'],
      ['reminder', 'unsubscribed'],
    ]);
    expect(sim.trace.status).toBe('completed');
  });

  it('clears properties.unsubscribed at a resubscribe, so later emails go out again', () => {
    const sim = run(nurture, { events: [signup, unsubscribed('PT1H'), { at: 'P1D', type: 'resubscribed', data: { email: 'welcome', flow: 'test-flow' } }] });
    expect(sim.trace.contact.properties.unsubscribed).toBe(false);
    expect(sim.trace.emails.map((m) => [m.node, m.suppressed ?? 'sent'])).toEqual([
      ['welcome', 'sent'],
      ['reminder', 'sent'],
    ]);
  });

  it('gives the simulator and the engine the server runs the same emails for the same engagement events', () => {
    const events: { at: string; type: string; data?: Record<string, string> }[] = [signup, opened('PT1H'), unsubscribed('PT2H'), clicked('PT3H')];
    const sim = run(nurture, { events });

    // The server feeds the same Engine its inbox's events in order, and fires timers as they fall due.
    const store = new MemoryStore();
    const engine = new Engine({ store });
    engine.addFlow(nurture, 1);
    engine.putContact({ id: 'c-1', email: 'c1@example.com', stage: 'subscriber', owner: null, properties: {}, adjustments: 0 });
    const start = Date.parse('2026-03-02T08:00:00Z');
    const hour = 3_600_000;
    events.forEach((e, i) => engine.ingest({ contactId: 'c-1', at: start + i * hour, type: e.type, data: e.data }));
    engine.fireTimersUntil(start + 30 * 86_400_000);

    const served = store.emailsOf('c-1').map((m) => ({ node: m.node, at: new Date(m.at).toISOString(), suppressed: m.suppressed }));
    expect(served).toEqual(sim.trace.emails.map((m) => ({ node: m.node, at: m.at, suppressed: m.suppressed })));
    expect(served.map((m) => [m.node, m.suppressed])).toEqual([
      ['welcome', undefined],
      ['case-study', 'unsubscribed'],
    ]);
    expect(store.getContact('c-1')!.properties.unsubscribed).toBe(true);
  });
});
