// Test support (`@hourglass/engine/testing`, run by `storeContract`): the property that a
// store's narrow history queries give exactly the scores and condition results of reading
// every event, for every store.
import fc from 'fast-check';
import type { Condition, Match, NumberCmp, Scalar, ScoringModel } from '@hourglass/documents';
import { holds, type ConditionSubject } from './conditions.ts';
import { countInList, countInStore, type EventQuery } from './eventQuery.ts';
import type { ContactRecord } from './records.ts';
import { computeScore } from './scoring.ts';
import type { Store } from './store.ts';

const second = 1000;
const types = ['a', 'b', 'c'];
const datas: Record<string, Scalar>[] = [{}, { k: 1 }, { k: 2 }, { k: '1' }, { k: 1, j: true }];
const wheres: (Match | undefined)[] = [undefined, { k: 1 }, { k: [1, 2] }, { j: true }, { k: '1' }, { k: 3 }];
const durations = ['PT1S', 'PT10S', 'PT30S', 'PT2M'];

// Instants in whole seconds, often equal and out of order; some histories pass the SQLite
// store's short-history threshold (64), so both of its paths are exercised.
const event = fc.record({ type: fc.constantFrom(...types), data: fc.constantFrom(...datas), at: fc.integer({ min: 0, max: 600 }).map((s) => s * second) });
const history = fc.oneof(fc.array(event, { maxLength: 20 }), fc.array(event, { minLength: 60, maxLength: 200 }));
const where = fc.constantFrom(...wheres);
const count = fc.constantFrom<NumberCmp | undefined>(
  undefined,
  { gte: 1 },
  { gte: 3 },
  { eq: 0 },
  { eq: 2 },
  { lt: 2 },
  { gt: 1.5, lte: 7 },
  { ne: 4 },
  { in: [1, 5] },
);
const eventCondition = fc
  .record({
    type: fc.constantFrom(...types),
    where,
    within: fc.option(fc.constantFrom(...durations), { nil: undefined }),
    count,
  })
  .map(({ where: w, within, count: c, type }): Condition => ({
    event: { type, ...(w ? { where: w } : {}), ...(within ? { within } : {}), ...(c ? { count: c } : {}) },
  }));
const behaviourRule = fc.record({
  event: fc.constantFrom(...types),
  where,
  points: fc.integer({ min: -5, max: 12 }),
  max: fc.option(fc.integer({ min: -5, max: 40 }), { nil: undefined }),
  expires: fc.option(fc.constantFrom(...durations), { nil: undefined }),
});
const model = fc.array(behaviourRule, { maxLength: 6 }).map((rules): ScoringModel => ({
  format: 'hourglass.scoring/1',
  fit: [],
  behaviour: rules.map((r) => ({
    event: r.event,
    points: r.points,
    ...(r.where ? { where: r.where } : {}),
    ...(r.max !== undefined ? { max: r.max } : {}),
    ...(r.expires ? { expires: r.expires } : {}),
  })),
}));

const contact: ContactRecord = { id: 'c', stage: 'lead', owner: null, properties: {}, adjustments: 0 };

/**
 * For random histories, models, conditions and instants: the store's queries give the same
 * score and condition results as counting over every event, without a limit (the engine's
 * meaning before it queried the store). `open` gives an empty store; `inTransaction` runs the
 * checks as the engine does, inside the store's transaction.
 */
export function historyProperty(open: () => Store) {
  return fc.property(
    history,
    model,
    fc.array(eventCondition, { maxLength: 6 }),
    fc.array(
      fc.integer({ min: 0, max: 660 }).map((s) => s * second),
      { minLength: 1, maxLength: 4 },
    ),
    fc.nat(),
    fc.boolean(),
    (events, scoring, conditions, instants, pick, inTransaction) => {
      const store = open();
      // The last few events are recorded between checks, in the checks' transaction when there is one.
      const later = events.slice(events.length - (pick % Math.min(6, events.length + 1)));
      store.transaction(() => {
        for (const e of events.slice(0, events.length - later.length)) store.addEvent({ contactId: 'c', ...e });
      });
      // Each check looks further back, so reads within one transaction reach past earlier ones.
      const check = (back: number) => {
        const all = store.eventsOf('c');
        const seqs = [0, ...all.map((e) => e.seq)];
        const sinceSeq = seqs[pick % seqs.length]!;
        const everything = (q: EventQuery) => countInList(all, q, Infinity);
        for (const at of instants.map((t) => t - back * 90 * second)) {
          const stored = computeScore(scoring, contact, (q, limit) => countInStore(store, 'c', q, limit), at);
          const listed = computeScore(scoring, contact, everything, at);
          if (stored.score !== listed.score) throw new Error(`score at ${at}: ${stored.score} from the store, ${listed.score} from every event`);
          const subject = (countEvents: ConditionSubject['countEvents']): ConditionSubject => ({ contact, countEvents, at, score: () => 0 });
          for (const cond of conditions) {
            for (const since of [undefined, sinceSeq]) {
              const a = holds(
                cond,
                subject((q, limit) => countInStore(store, 'c', q, limit)),
                since,
              );
              const b = holds(cond, subject(everything), since);
              if (a !== b) throw new Error(`${JSON.stringify(cond)} at ${at} since ${since}: ${a} from the store, ${b} from every event`);
            }
          }
        }
        const last = all.length ? all[all.length - 1]!.seq : 0;
        if (store.lastEventSeq('c') !== last) throw new Error(`last seq ${store.lastEventSeq('c')}, expected ${last}`);
        const recent = store
          .recentEvents('c', 20)
          .map((e) => e.seq)
          .join();
        if (
          recent !==
          [...all]
            .reverse()
            .slice(0, 20)
            .map((e) => e.seq)
            .join()
        )
          throw new Error(`recent events ${recent}`);
      };
      const run = () => {
        check(0);
        later.forEach((e, i) => {
          store.addEvent({ contactId: 'c', ...e });
          check(i + 1);
        });
      };
      if (inTransaction) store.transaction(run);
      else run();
    },
  );
}
