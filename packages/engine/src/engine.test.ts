import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { MemoryStore } from './memoryStore.ts';
import { buildTrace } from './trace.ts';
import { flowOf, onEvent, scoringOf } from './testSupport.ts';

const t0 = Date.parse('2026-03-02T08:00:00Z');
const day = 86_400_000;

function engineWith(...flows: ReturnType<typeof flowOf>[]) {
  const store = new MemoryStore();
  const engine = new Engine({ store });
  for (const f of flows) engine.addFlow(f, 1);
  return { store, engine };
}

describe('Engine', () => {
  it('hands contacts to the round-robin owners in turn, one counter per handoff node', () => {
    const flow = flowOf(
      [
        { id: 'start', type: 'trigger', config: onEvent('mql') },
        { id: 'h', type: 'handoff', config: { roundRobin: ['a@x.io', 'b@x.io', 'c@x.io'] } },
      ],
      [['start', 'h']],
    );
    const { engine, store } = engineWith(flow);
    for (const id of ['c1', 'c2', 'c3', 'c4']) engine.ingest({ contactId: id, at: t0, type: 'mql' });
    expect(['c1', 'c2', 'c3', 'c4'].map((id) => store.getContact(id)!.owner)).toEqual(['a@x.io', 'b@x.io', 'c@x.io', 'a@x.io']);
  });

  it('keeps templates as written and leaves sales notifications without a body when it does not render emails, as in a forecast', () => {
    const flow = flowOf(
      [
        { id: 'start', type: 'trigger', config: onEvent('mql') },
        { id: 'hi', type: 'sendEmail', config: { subject: 'Hi {{ contact.firstName }}', body: 'Hello' } },
        { id: 'h', type: 'handoff', config: { fallback: 'sales@x.io' } },
      ],
      [
        ['start', 'hi'],
        ['hi', 'h'],
      ],
    );
    const emailsWith = (renderEmails: boolean) => {
      const store = new MemoryStore();
      const engine = new Engine({ store, renderEmails });
      engine.addFlow(flow, 1);
      engine.ingest({ contactId: 'c1', at: t0, type: 'mql', data: {} });
      return store.emailsOf('c1').map((m) => ({ kind: m.kind, subject: m.subject, body: m.body.split('\n')[0] }));
    };
    expect(emailsWith(false)).toEqual([
      { kind: 'marketing', subject: 'Hi {{ contact.firstName }}', body: 'Hello' },
      { kind: 'notification', subject: 'New lead for you: c1 (score 0)', body: '' },
    ]);
    expect(emailsWith(true)).toEqual([
      { kind: 'marketing', subject: 'Hi ', body: 'Hello' },
      { kind: 'notification', subject: 'New lead for you: c1 (score 0)', body: 'c1 was handed to you by the flow "Test flow".' },
    ]);
  });

  it('keeps a running enrolment on the version it entered with when a new version goes live', () => {
    const v1 = flowOf(
      [
        { id: 'start', type: 'trigger', config: onEvent('go') },
        { id: 'w', type: 'wait', config: { for: 'P1D' } },
        { id: 'old', type: 'sendEmail', config: { subject: 'Old', body: 'x' } },
      ],
      [
        ['start', 'w'],
        ['w', 'old'],
      ],
    );
    const v2 = flowOf(
      [
        { id: 'start', type: 'trigger', config: onEvent('go') },
        { id: 'w', type: 'wait', config: { for: 'P1D' } },
        { id: 'new', type: 'sendEmail', config: { subject: 'New', body: 'x' } },
      ],
      [
        ['start', 'w'],
        ['w', 'new'],
      ],
    );
    const { engine, store } = engineWith(v1);
    engine.ingest({ contactId: 'early', at: t0, type: 'go' });
    engine.addFlow(v2, 2);
    engine.ingest({ contactId: 'late', at: t0, type: 'go' });
    engine.fireTimersUntil(t0 + 2 * day);
    expect(store.emailsOf('early').map((m) => m.subject)).toEqual(['Old']);
    expect(store.emailsOf('late').map((m) => m.subject)).toEqual(['New']);
  });

  it('starts a score-triggered flow when an update in another flow lifts the score over the threshold', () => {
    const nurture = {
      ...flowOf(
        [
          { id: 'start', type: 'trigger', config: onEvent('signup') },
          { id: 'w', type: 'wait', config: { for: 'P1D' } },
          { id: 'bump', type: 'update', config: { addScore: 30 } },
        ],
        [
          ['start', 'w'],
          ['w', 'bump'],
        ],
      ),
      id: 'nurture',
    };
    const mql = {
      ...flowOf(
        [
          { id: 'start', type: 'trigger', config: { on: 'score', gte: 25 } },
          { id: 'h', type: 'handoff', config: { fallback: 'sales@x.io' } },
        ],
        [['start', 'h']],
      ),
      id: 'mql',
    };
    const { engine, store } = engineWith(nurture, mql);
    engine.ingest({ contactId: 'c', at: t0, type: 'signup' });
    expect(store.enrolmentsOf('mql', 'c')).toHaveLength(0);
    engine.fireTimersUntil(t0 + day);
    expect(store.enrolmentsOf('mql', 'c').map((e) => [e.status, e.enteredAt])).toEqual([['completed', t0 + day]]);
  });

  it('treats a contact update as an input: the goal ends a waiting enrolment', () => {
    const flow = flowOf(
      [
        { id: 'start', type: 'trigger', config: onEvent('go') },
        { id: 'w', type: 'wait', config: { for: 'P9D' } },
      ],
      [['start', 'w']],
      { goal: { stage: { gte: 'customer' } } },
    );
    const { engine, store } = engineWith(flow);
    engine.ingest({ contactId: 'c', at: t0, type: 'go' });
    engine.updateContact('c', { stage: 'customer' }, t0 + day);
    expect(store.enrolmentsOf(flow.id, 'c')[0]).toMatchObject({ status: 'goal', endedAt: t0 + day, timers: [] });
    expect(store.nextTimerAt()).toBeUndefined();
  });

  it('fires due timers in order of their instants, each once', () => {
    const flow = flowOf(
      [
        { id: 'start', type: 'trigger', config: onEvent('go') },
        { id: 'w', type: 'wait', config: { until: { property: 'at' } } },
        { id: 'e', type: 'sendEmail', config: { subject: '{{ contact.id }}', body: 'x' } },
      ],
      [
        ['start', 'w'],
        ['w', 'e'],
      ],
    );
    const { engine, store } = engineWith(flow);
    engine.ingest({ contactId: 'late', at: t0, type: 'go', properties: { at: '2026-03-05T00:00:00Z' } });
    engine.ingest({ contactId: 'early', at: t0, type: 'go', properties: { at: '2026-03-04T00:00:00Z' } });
    expect(engine.fireTimersUntil(t0 + 10 * day)).toBe(2);
    expect(engine.fireTimersUntil(t0 + 10 * day)).toBe(0);
    const sent = [...store.emailsOf('early'), ...store.emailsOf('late')].sort((a, b) => a.at - b.at).map((m) => m.subject);
    expect(sent).toEqual(['early', 'late']);
  });

  it('stores the enrolment as an XState persisted snapshot of the compiled machine', () => {
    const flow = flowOf(
      [
        { id: 'start', type: 'trigger', config: onEvent('go') },
        { id: 'wf', type: 'waitFor', config: { until: { event: { type: 'click' } }, timeout: 'P1D' } },
      ],
      [['start', 'wf']],
    );
    const { engine, store } = engineWith(flow);
    engine.ingest({ contactId: 'c', at: t0, type: 'go' });
    const [e] = store.enrolmentsOf(flow.id, 'c');
    expect(e!.snapshot).toMatchObject({ status: 'active', value: { wf: 'waiting' }, context: { since: 1 } });
    expect(e!.timers).toEqual([expect.objectContaining({ wakeAt: t0 + day, event: expect.stringContaining('timeout:wf') })]);
  });

  it('computes a trace with the score as of the instant asked', () => {
    const flow = flowOf(
      [
        { id: 'start', type: 'trigger', config: onEvent('click') },
        { id: 'done', type: 'exit' },
      ],
      [['start', 'done']],
    );
    const scoring = scoringOf({ behaviour: [{ event: 'click', points: 10, expires: 'P1D' }] });
    const store = new MemoryStore();
    const engine = new Engine({ store, scoring });
    engine.addFlow(flow, 1);
    engine.ingest({ contactId: 'c', at: t0, type: 'click' });
    expect(buildTrace(store, flow, 'c', t0, scoring).contact.score).toBe(10);
    expect(buildTrace(store, flow, 'c', t0 + day, scoring).contact.score).toBe(0);
  });
});
