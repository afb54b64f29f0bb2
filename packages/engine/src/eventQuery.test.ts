import { describe, expect, it } from 'vitest';
import { countLimit } from './conditions.ts';
import { countInStore } from './eventQuery.ts';
import { MemoryStore } from './memoryStore.ts';
import { compare } from './conditions.ts';
import { Engine } from './engine.ts';
import { cond, flowOf, scoringOf } from './testSupport.ts';

const t0 = Date.parse('2026-03-02T08:00:00Z');
const day = 86_400_000;

describe('event queries', () => {
  it('never change a comparison by stopping at countLimit', () => {
    const cmps = [{ gte: 1 }, { gt: 2.5 }, { eq: 3 }, { lt: 4, ne: 2 }, { in: [0, 7] }, { lte: -1 }, { exists: true }, { eq: 'x' }];
    for (const cmp of cmps) for (let n = 0; n < 20; n++) expect(compare(Math.min(n, countLimit(cmp)), cmp)).toBe(compare(n, cmp));
  });

  it('does not count events recorded with an instant after the one asked about', () => {
    const store = new MemoryStore();
    for (const at of [5, 10, 20, 30]) store.addEvent({ contactId: 'c', at, type: 'click', data: {} });
    expect(countInStore(store, 'c', { type: 'click', until: 15 }, Infinity)).toBe(2);
    expect(countInStore(store, 'c', { type: 'click', until: 15, after: 5 }, Infinity)).toBe(1);
    expect(countInStore(store, 'c', { type: 'click', until: 30 }, 3)).toBe(3);
  });
});

describe('the engine on a long history', () => {
  it("processes inputs, scores and hands off without ever reading a contact's whole history", () => {
    class NoWholeHistory extends MemoryStore {
      override eventsOf(): never {
        throw new Error('the whole history was read');
      }
    }
    const store = new NoWholeHistory();
    const flow = flowOf(
      [
        { id: 'start', type: 'trigger', config: { on: 'score', gte: 230 } },
        { id: 'recent', type: 'condition', config: cond({ event: { type: 'click', within: 'P1D', count: { gte: 2 } } }) },
        { id: 'again', type: 'waitFor', config: { until: { event: { type: 'click', where: { email: 'b' } } }, timeout: 'P2D' } },
        { id: 'h', type: 'handoff', config: { fallback: 'sales@x.io' } },
        { id: 'done', type: 'exit' },
      ],
      [
        ['start', 'recent'],
        ['recent', 'again', 'yes'],
        ['recent', 'done', 'no'],
        ['again', 'h', 'met'],
        ['again', 'done', 'timeout'],
        ['h', 'done'],
      ],
      { goal: { event: { type: 'bought' } } },
    );
    const scoring = scoringOf({
      behaviour: [
        { event: 'click', points: 10, max: 50, expires: 'P7D' },
        { event: 'visit', points: 1 },
      ],
    });
    const engine = new Engine({ store, scoring });
    engine.addFlow(flow, 1);
    for (let i = 0; i < 200; i++) engine.ingest({ contactId: 'c', at: t0 + i * 1000, type: 'visit', data: { n: i } });
    // The third click takes the score to 230 and enrols; a later click leaves the waitFor.
    for (const email of ['a', 'a', 'b', 'b']) engine.ingest({ contactId: 'c', at: t0 + day, type: 'click', data: { email } });
    expect(engine.scoreOf('c', t0 + day)!.behaviour).toBe(40 + 200);
    const [handoff] = store.handoffsOf('c');
    expect(handoff).toMatchObject({ owner: 'sales@x.io', score: { behaviour: 240 } });
    expect(handoff!.recentEvents.slice(0, 5).map((e) => e.data.email ?? e.data.n)).toEqual(['b', 'b', 'a', 'a', 199]);
  });
});
