// Test support (the `@hourglass/engine/testing` entry, never the package's main entry): the one
// suite every Store passes, as Hono runs one suite against every router. It imports vitest, so
// only test files may import it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countInStore } from './eventQuery.ts';
import { historyProperty } from './historyProperty.ts';
import type { EmailRecord, EventRecord, HandoffRecord, TimerRecord } from './records.ts';
import type { Store } from './store.ts';
import { storeMigrationContract } from './storeMigrationContract.ts';
import { testEnrolment } from './testEnrolment.ts';

export { testEnrolment } from './testEnrolment.ts';

export interface StoreContractOptions {
  /** Whether a failed transaction leaves none of its writes (true unless said otherwise; see `Store`). */
  rollsBack?: boolean;
  /** Random histories for the history property (150 unless said otherwise). */
  historyRuns?: number;
  /** Called after each test with the stores it made (to close a database). */
  close?: (store: Store) => void;
}

const timer = (enrolmentId: string, id: string, wakeAt: number): TimerRecord => ({ id, enrolmentId, event: id.toUpperCase(), wakeAt });
const ids = (timers: readonly TimerRecord[]) => timers.map((t) => t.id);
const plain = (events: Iterable<EventRecord>) => [...events].map(({ seq, contactId, at, type, data }) => ({ seq, contactId, at, type, data }));

/**
 * Runs the store contract against `makeStore`, which gives a new, empty store each time: every
 * method of `Store`, the history queries against counting every event, due timers in order with
 * ties in the order they were set, the engine's way of changing an enrolment within a
 * transaction, rollback, and round robin.
 */
export function storeContract(name: string, makeStore: () => Store, options: StoreContractOptions = {}) {
  const { rollsBack = true, historyRuns = 150, close } = options;
  describe(`${name} (the store contract)`, () => {
    const made: Store[] = [];
    const open = () => {
      const store = makeStore();
      made.push(store);
      return store;
    };
    const test = (title: string, fn: () => void) =>
      it(title, () => {
        try {
          fn();
        } finally {
          for (const store of made.splice(0)) close?.(store);
        }
      });

    test('keeps a contact as it was put and replaces it when put again', () => {
      const store = open();
      expect(store.getContact('c')).toBeUndefined();
      store.transaction(() =>
        store.putContact({ id: 'c', email: 'c@x.io', stage: 'lead', owner: null, properties: { plan: 'pro', seats: 3, paid: true }, adjustments: 5 }),
      );
      expect(store.getContact('c')).toEqual({
        id: 'c',
        email: 'c@x.io',
        stage: 'lead',
        owner: null,
        properties: { plan: 'pro', seats: 3, paid: true },
        adjustments: 5,
      });
      store.transaction(() => store.putContact({ id: 'c', stage: 'mql', owner: 'o@x.io', properties: {}, adjustments: 0 }));
      expect(store.getContact('c')).toEqual({ id: 'c', stage: 'mql', owner: 'o@x.io', properties: {}, adjustments: 0 });
    });

    test("numbers events above every number given before and lists a contact's events in the order recorded", () => {
      const store = open();
      const added = store.transaction(() => [
        store.addEvent({ contactId: 'c', at: 20, type: 'a', data: { k: 1 } }),
        store.addEvent({ contactId: 'd', at: 5, type: 'a', data: {} }),
        store.addEvent({ contactId: 'c', at: 10, type: 'b', data: {} }),
      ]);
      const later = store.transaction(() => store.addEvent({ contactId: 'c', at: 1, type: 'a', data: {} }));
      const seqs = [...added, later].map((e) => e.seq);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!);
      expect(added[0]).toMatchObject({ contactId: 'c', at: 20, type: 'a', data: { k: 1 } });
      expect(plain(store.eventsOf('c'))).toEqual(plain([added[0]!, added[2]!, later]));
      expect(store.eventsOf('nobody')).toEqual([]);
      expect(store.lastEventSeq('c')).toBe(later.seq);
      expect(store.lastEventSeq('nobody')).toBe(0);
      expect(store.recentEvents('c', 2).map((e) => e.seq)).toEqual([later.seq, added[2]!.seq]);
      expect(store.recentEvents('c', 10).map((e) => e.seq)).toEqual([later.seq, added[2]!.seq, added[0]!.seq]);
    });

    test('answers the history queries by type, instant and sequence number', () => {
      const store = open();
      const e = store.transaction(() =>
        [30, 10, 20, 20, 40].map((at, i) => store.addEvent({ contactId: 'c', at, type: i === 4 ? 'other' : 'a', data: { i } })),
      );
      const seqsOf = (events: Iterable<EventRecord>) => [...events].map((x) => x.seq);
      // Each once, both bounds included, either may be infinite (in any order: latest first is best).
      const between = seqsOf(store.eventsBetween('c', 'a', 10, 20));
      expect(between).toHaveLength(3);
      expect(new Set(between)).toEqual(new Set([e[1]!.seq, e[2]!.seq, e[3]!.seq]));
      expect(new Set(seqsOf(store.eventsBetween('c', 'a', -Infinity, Infinity)))).toEqual(new Set(e.slice(0, 4).map((x) => x.seq)));
      expect(new Set(seqsOf(store.eventsBetween('c', 'a', 20, Infinity)))).toEqual(new Set([e[0]!.seq, e[2]!.seq, e[3]!.seq]));
      expect(seqsOf(store.eventsBetween('c', 'a', 21, 29))).toEqual([]);
      expect(seqsOf(store.eventsBetween('c', 'other', 0, Infinity))).toEqual([e[4]!.seq]);
      expect(new Set(seqsOf(store.eventsAfter('c', 'a', e[1]!.seq)))).toEqual(new Set([e[2]!.seq, e[3]!.seq]));
      expect(seqsOf(store.eventsAfter('c', 'a', e[3]!.seq))).toEqual([]);
      // A reader may stop early: the engine reads lazily returned events only as far as it needs.
      const [first] = store.eventsBetween('c', 'a', 30, 30);
      expect(first!.data).toEqual({ i: 0 });
    });

    test("groups a contact's events of a type by identical data, with their count and latest instant", () => {
      const store = open();
      store.transaction(() => {
        for (const at of [3, 1, 2]) store.addEvent({ contactId: 'c', at, type: 'click', data: { email: 'welcome' } });
        store.addEvent({ contactId: 'c', at: 4, type: 'click', data: {} });
        store.addEvent({ contactId: 'c', at: 9, type: 'open', data: {} });
        store.addEvent({ contactId: 'd', at: 9, type: 'click', data: {} });
      });
      const groups = (type: string) => [...store.eventGroups('c', type)].map((g) => ({ ...g })).sort((a, b) => a.lastAt - b.lastAt);
      expect(groups('click')).toEqual([
        { data: { email: 'welcome' }, count: 3, lastAt: 3 },
        { data: {}, count: 1, lastAt: 4 },
      ]);
      // Kept up to date by addEvent, also after the groups were read in the same transaction.
      store.transaction(() => {
        expect(groups('click')).toHaveLength(2);
        store.addEvent({ contactId: 'c', at: 7, type: 'click', data: {} });
        expect(groups('click')).toEqual([
          { data: { email: 'welcome' }, count: 3, lastAt: 3 },
          { data: {}, count: 2, lastAt: 7 },
        ]);
      });
      expect(groups('click')[1]).toEqual({ data: {}, count: 2, lastAt: 7 });
      expect(groups('none')).toEqual([]);
    });

    test('gives the same scores and condition results from its history queries as counting every event, short and long histories alike', () => {
      fc.assert(historyProperty(open), { numRuns: historyRuns });
    });

    test('counts an event recorded after part of a long history was read exactly once, in the same transaction', () => {
      const store = open();
      store.transaction(() => {
        for (let at = 1; at <= 100; at++) store.addEvent({ contactId: 'c', at, type: 'a', data: {} });
      });
      const count = (from: number, until: number) => countInStore(store, 'c', { type: 'a', from, until }, Infinity);
      store.transaction(() => {
        expect(count(91, 100)).toBe(10);
        store.addEvent({ contactId: 'c', at: 50, type: 'a', data: {} }); // older than anything read
        store.addEvent({ contactId: 'c', at: 95, type: 'a', data: {} });
        expect(count(40, 60)).toBe(22);
        expect(count(91, 100)).toBe(11);
        expect(countInStore(store, 'c', { type: 'a', until: 100 }, Infinity)).toBe(102);
      });
    });

    test('keeps enrolments by id, by flow and contact oldest first, and the active ones of a contact', () => {
      const store = open();
      store.transaction(() => {
        store.putEnrolment(
          testEnrolment('e1', [], {
            status: 'completed',
            endedAt: 5,
            position: null,
            snapshot: { status: 'done', value: '@completed', context: { since: 0 } },
          }),
        );
        store.putEnrolment(testEnrolment('e2', [], { version: 2, enteredAt: 6 }));
        store.putEnrolment(
          testEnrolment('e3', [], { flowId: 'g', enteredAt: 7, snapshot: { status: 'active', value: { w: 'waiting' }, context: { since: 3 } } }),
        );
        store.putEnrolment(testEnrolment('e4', [], { contactId: 'd' }));
      });
      expect(store.getEnrolment('e1')).toMatchObject({
        id: 'e1',
        flowId: 'f',
        version: 1,
        contactId: 'c',
        status: 'completed',
        enteredAt: 0,
        endedAt: 5,
        position: null,
      });
      expect(store.getEnrolment('e3')!.snapshot).toMatchObject({ value: { w: 'waiting' }, context: { since: 3 } });
      expect(store.getEnrolment('nope')).toBeUndefined();
      expect(store.enrolmentsOf('f', 'c').map((e) => e.id)).toEqual(['e1', 'e2']);
      expect(store.activeEnrolmentsOf('c').map((e) => e.id)).toEqual(['e2', 'e3']);
      store.transaction(() => {
        const e = store.getEnrolment('e2')!;
        e.status = 'goal';
        e.endedAt = 9;
        e.position = null;
        store.putEnrolment(e);
      });
      expect(store.activeEnrolmentsOf('c').map((e) => e.id)).toEqual(['e3']);
      expect(store.enrolmentsOf('f', 'c').map((e) => [e.id, e.status])).toEqual([
        ['e1', 'completed'],
        ['e2', 'goal'],
      ]);
    });

    test("gives due timers earliest first, ties in the order they were set, and keeps an unchanged timer's place", () => {
      const store = open();
      store.transaction(() => store.putEnrolment(testEnrolment('e1', [timer('e1', 't1', 200)])));
      store.transaction(() => store.putEnrolment(testEnrolment('e2', [timer('e2', 't2', 100), timer('e2', 't3', 200)])));
      // Saving e1 again with its timer unchanged must not move it behind t3.
      store.transaction(() => store.putEnrolment(testEnrolment('e1', [timer('e1', 't1', 200)])));
      expect(ids(store.dueTimers(200, 10))).toEqual(['t2', 't1', 't3']);
      // Fewer than all: e2's later timer must not jump ahead of e1's earlier one.
      expect(ids(store.dueTimers(200, 2))).toEqual(['t2', 't1']);
      expect(ids(store.dueTimers(200, 1))).toEqual(['t2']);
      expect(ids(store.dueTimers(150, 10))).toEqual(['t2']);
      expect(ids(store.dueTimers(99, 10))).toEqual([]);
      expect(store.nextTimerAt()).toBe(100);
      store.transaction(() => store.putEnrolment(testEnrolment('e2', [])));
      expect(store.dueTimers(1000, 10)).toEqual([timer('e1', 't1', 200)]);
      expect(store.getEnrolment('e1')!.timers).toEqual([timer('e1', 't1', 200)]);
      store.transaction(() => store.putEnrolment(testEnrolment('e1', [])));
      expect(store.nextTimerAt()).toBeUndefined();
    });

    test("keeps an enrolment's timers right when one transaction changes and saves it again and again, as the engine does", () => {
      const store = open();
      store.transaction(() => store.putEnrolment(testEnrolment('e1', [timer('e1', 't1', 100), timer('e1', 't2', 200)])));
      store.transaction(() => store.putEnrolment(testEnrolment('e0', [timer('e0', 't0', 300)])));
      store.transaction(() => {
        const e = store.getEnrolment('e1')!;
        store.putEnrolment(e); // the timers it was read with
        // The engine assigns a new array whenever a timer changes, never changes one in place.
        e.timers = [e.timers[1]!, timer('e1', 't1', 300)];
        store.putEnrolment(e);
        e.timers = [timer('e1', 't1', 300)];
        store.putEnrolment(e);
        e.timers = [...e.timers, timer('e1', 't5', 50)];
        store.putEnrolment(e);
      });
      // t1 was set again (a new instant), so it comes after t0, which was set before it.
      expect(store.dueTimers(1000, 10).map((t) => [t.id, t.wakeAt])).toEqual([
        ['t5', 50],
        ['t0', 300],
        ['t1', 300],
      ]);
      expect(store.nextTimerAt()).toBe(50);
      expect(ids(store.getEnrolment('e1')!.timers)).toEqual(['t1', 't5']);
    });

    test('saves a new record, then the same record changed, within one transaction', () => {
      const store = open();
      store.transaction(() => {
        const e = testEnrolment('e1', [timer('e1', 't1', 100)]);
        store.putEnrolment(e);
        e.position = 'x';
        e.snapshot = { status: 'active', value: 'x', context: { since: 4 } };
        e.timers = [];
        store.putEnrolment(e);
      });
      expect(store.getEnrolment('e1')).toMatchObject({ position: 'x', snapshot: { value: 'x', context: { since: 4 } }, timers: [] });
      expect(store.activeEnrolmentsOf('c').map((e) => e.id)).toEqual(['e1']);
      expect(store.nextTimerAt()).toBeUndefined();
    });

    test('sets the port on the latest step of a node and lists steps in the order added', () => {
      const store = open();
      store.transaction(() => {
        store.addStep({ enrolmentId: 'e', at: 1, node: 'w', type: 'waitFor' });
        store.addStep({ enrolmentId: 'e', at: 2, node: 'w', type: 'waitFor' });
        store.addStep({ enrolmentId: 'other', at: 2, node: 'w', type: 'waitFor' });
        store.setStepPort('e', 'w', 'met');
      });
      expect(store.stepsOf('e')).toEqual([
        { enrolmentId: 'e', at: 1, node: 'w', type: 'waitFor' },
        { enrolmentId: 'e', at: 2, node: 'w', type: 'waitFor', port: 'met' },
      ]);
      expect(store.stepsOf('other')).toEqual([{ enrolmentId: 'other', at: 2, node: 'w', type: 'waitFor' }]);
      expect(store.stepsOf('none')).toEqual([]);
    });

    test("keeps a contact's emails and handoffs as they were added, in order", () => {
      const store = open();
      const sent: EmailRecord = {
        id: 'm1',
        kind: 'marketing',
        enrolmentId: 'e',
        flowId: 'f',
        contactId: 'c',
        node: 'send',
        at: 1,
        to: 'c@x.io',
        from: 'news@x.io',
        subject: 'Hi',
        body: 'Hello',
      };
      const failed: EmailRecord = {
        id: 'm2',
        kind: 'marketing',
        enrolmentId: 'e',
        flowId: 'f',
        contactId: 'c',
        node: 'send',
        at: 2,
        to: null,
        subject: 'Hi',
        body: '',
        suppressed: 'render-failed',
        error: 'The body cannot be rendered: no.',
      };
      const notice: EmailRecord = {
        id: 'm3',
        kind: 'notification',
        enrolmentId: 'e',
        flowId: 'f',
        contactId: 'c',
        node: 'h',
        at: 3,
        to: 'o@x.io',
        subject: 'New lead',
        body: 'x',
        suppressed: 'unsubscribed',
      };
      const handoff: HandoffRecord = {
        id: 'h1',
        enrolmentId: 'e',
        flowId: 'f',
        contactId: 'c',
        node: 'h',
        at: 3,
        owner: 'o@x.io',
        route: 'rule-2',
        score: { score: 12, fit: 2, behaviour: 10, adjustments: 0 },
        stage: 'sql',
        properties: { plan: 'pro' },
        recentEvents: [{ at: 1, type: 'click', data: { email: 'welcome' } }],
        emailsReceived: [{ at: 1, node: 'send', subject: 'Hi' }],
      };
      store.transaction(() => {
        for (const m of [sent, failed, notice]) store.addEmail(m);
        store.addEmail({ ...sent, id: 'm4', contactId: 'd' });
        store.addHandoff(handoff);
      });
      expect(store.emailsOf('c')).toEqual([sent, failed, notice]);
      expect(store.emailsOf('nobody')).toEqual([]);
      expect(store.handoffsOf('c')).toEqual([handoff]);
      expect(store.handoffsOf('d')).toEqual([]);
    });

    test('counts round-robin turns per flow, version and node', () => {
      const store = open();
      const turns = store.transaction(() => [
        store.takeRoundRobin('f', 1, 'h'),
        store.takeRoundRobin('f', 1, 'h'),
        store.takeRoundRobin('f', 2, 'h'),
        store.takeRoundRobin('f', 1, 'k'),
        store.takeRoundRobin('g', 1, 'h'),
        store.takeRoundRobin('f', 1, 'h'),
      ]);
      expect(turns).toEqual([0, 1, 0, 0, 0, 2]);
    });

    test("returns what the transaction's function returns and commits nested transactions with it", () => {
      const store = open();
      const result = store.transaction(() => {
        store.addEvent({ contactId: 'c', at: 1, type: 'a', data: {} });
        return store.transaction(() => {
          store.addEvent({ contactId: 'c', at: 2, type: 'b', data: {} });
          return 'done';
        });
      });
      expect(result).toBe('done');
      expect(store.eventsOf('c').map((e) => e.type)).toEqual(['a', 'b']);
    });

    storeMigrationContract(open, test);

    it.skipIf(!rollsBack)('rolls back every write of a failed transaction, and forgets what it read in it', () => {
      const store = open();
      const added = testEnrolment('e2', [timer('e2', 't2', 50)]);
      try {
        store.transaction(() => {
          store.addEvent({ contactId: 'c', at: 1, type: 'kept', data: { k: 1 } });
          store.putEnrolment(testEnrolment('e1', [timer('e1', 't1', 100)]));
        });
        expect(() =>
          store.transaction(() => {
            expect(store.eventsOf('c')).toHaveLength(1);
            expect(store.eventGroups('c', 'kept')).toHaveLength(1);
            store.addEvent({ contactId: 'c', at: 2, type: 'lost', data: {} });
            store.addEvent({ contactId: 'c', at: 3, type: 'kept', data: { k: 1 } });
            store.putContact({ id: 'c', stage: 'lead', owner: null, properties: {}, adjustments: 0 });
            const e = store.getEnrolment('e1')!;
            e.status = 'completed';
            e.timers = [];
            store.putEnrolment(e);
            store.putEnrolment(added);
            store.addStep({ enrolmentId: 'e1', at: 2, node: 'w', type: 'wait' });
            store.addEmail({
              id: 'm',
              kind: 'marketing',
              enrolmentId: 'e1',
              flowId: 'f',
              contactId: 'c',
              node: 's',
              at: 2,
              to: null,
              subject: 's',
              body: 'b',
              suppressed: 'no-email',
            });
            store.takeRoundRobin('f', 1, 'h');
            expect(store.eventsOf('c').map((x) => x.type)).toEqual(['kept', 'lost', 'kept']);
            throw new Error('boom');
          }),
        ).toThrow('boom');
        expect(store.eventsOf('c').map((x) => x.type)).toEqual(['kept']);
        expect(store.eventGroups('c', 'kept').map((g) => g.count)).toEqual([1]);
        expect(store.lastEventSeq('c')).toBe(store.eventsOf('c')[0]!.seq);
        expect(store.getContact('c')).toBeUndefined();
        expect(store.getEnrolment('e1')).toMatchObject({ status: 'active', timers: [timer('e1', 't1', 100)] });
        expect(store.getEnrolment('e2')).toBeUndefined();
        expect(ids(store.dueTimers(1000, 10))).toEqual(['t1']);
        expect(store.stepsOf('e1')).toEqual([]);
        expect(store.emailsOf('c')).toEqual([]);
        expect(store.takeRoundRobin('f', 1, 'h')).toBe(0);
        // A record first saved in the rolled-back transaction has no row any more: saving it again creates it.
        store.transaction(() => store.putEnrolment(added));
        expect(store.getEnrolment('e2')).toMatchObject({ id: 'e2', timers: [timer('e2', 't2', 50)] });
        expect(ids(store.dueTimers(1000, 10))).toEqual(['t2', 't1']);
      } finally {
        for (const s of made.splice(0)) close?.(s);
      }
    });
  });
}
