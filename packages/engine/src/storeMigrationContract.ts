// The part of the store contract that migrations and pausing rely on (`storeContract` runs it): an
// enrolment saved again in another version, the active enrolments of a version in slices by id, a
// step's `migratedFrom`, and a flow's timers held back. Test-only, like storeContract.ts.
import { expect } from 'vitest';
import type { Store } from './store.ts';
import type { TimerRecord } from './records.ts';
import { testEnrolment } from './testEnrolment.ts';

const timer = (enrolmentId: string, id: string, wakeAt: number): TimerRecord => ({ id, enrolmentId, event: id.toUpperCase(), wakeAt });

export function storeMigrationContract(open: () => Store, test: (title: string, fn: () => void) => void) {
  test('saves an enrolment moved to another version with its new position and timers, in every list', () => {
    const store = open();
    store.transaction(() => store.putEnrolment(testEnrolment('e1', [timer('e1', 't1', 100)])));
    store.transaction(() => {
      const e = store.getEnrolment('e1')!;
      e.version = 2;
      e.position = 'x';
      e.snapshot = { status: 'active', value: 'x', context: { since: 0 } };
      e.timers = [timer('e1', 't2', 50)];
      store.putEnrolment(e);
    });
    expect(store.getEnrolment('e1')).toMatchObject({ version: 2, position: 'x', status: 'active' });
    expect(store.enrolmentsOf('f', 'c').map((e) => [e.id, e.version])).toEqual([['e1', 2]]);
    expect(store.activeEnrolmentsOf('c').map((e) => e.version)).toEqual([2]);
    expect(store.dueTimers(1000, 10).map((t) => t.id)).toEqual(['t2']);
  });

  test('lists the active enrolments of one version of a flow by id, in slices after an id', () => {
    const store = open();
    store.transaction(() => {
      for (const id of ['e5', 'e1', 'e3', 'e2', 'e4']) store.putEnrolment(testEnrolment(id));
      store.putEnrolment(testEnrolment('e0', [], { version: 2 }));
      store.putEnrolment(testEnrolment('e6', [], { flowId: 'g' }));
      store.putEnrolment(testEnrolment('e7', [], { status: 'completed', endedAt: 1, position: null }));
    });
    const ids = (after: string | null, limit: number) => store.activeEnrolmentsIn('f', 1, after, limit).map((e) => e.id);
    expect(ids(null, 2)).toEqual(['e1', 'e2']);
    expect(ids('e2', 2)).toEqual(['e3', 'e4']);
    expect(ids('e4', 2)).toEqual(['e5']);
    expect(ids('e5', 2)).toEqual([]);
    expect(ids('e10', 10)).toEqual(['e2', 'e3', 'e4', 'e5']); // by id as text
    expect(store.activeEnrolmentsIn('f', 2, null, 10).map((e) => e.id)).toEqual(['e0']);
    // Moved to another version, an enrolment leaves the list of the one it left.
    store.transaction(() => {
      const e = store.getEnrolment('e3')!;
      e.version = 2;
      store.putEnrolment(e);
    });
    expect(ids(null, 10)).toEqual(['e1', 'e2', 'e4', 'e5']);
    expect(store.activeEnrolmentsIn('f', 2, null, 10).map((e) => e.id)).toEqual(['e0', 'e3']);
  });

  test('saves an enrolment whose snapshot alone changed, its version too, keeping its place and timers', () => {
    const store = open();
    store.transaction(() => store.putEnrolment(testEnrolment('e1', [timer('e1', 't1', 100)])));
    for (const version of [1, 2]) {
      store.transaction(() => {
        const e = store.getEnrolment('e1')!;
        e.version = version;
        e.snapshot = { status: 'active', value: `w${version}`, context: { since: version } };
        store.putEnrolment(e);
      });
      expect(store.getEnrolment('e1')).toMatchObject({
        version,
        position: 'w',
        status: 'active',
        snapshot: { value: `w${version}`, context: { since: version } },
      });
      expect(store.activeEnrolmentsIn('f', version, null, 10).map((e) => e.id)).toEqual(['e1']);
      expect(store.dueTimers(1000, 10).map((t) => [t.id, t.wakeAt])).toEqual([['t1', 100]]);
    }
  });

  test('answers the instant of the latest step on a node (through its steps when it has no shorter way)', () => {
    const store = open();
    const lastStepAt = store.lastStepAt?.bind(store) ?? ((id: string, node: string) => store.stepsOf(id).findLast((s) => s.node === node)?.at);
    store.transaction(() => {
      for (const [at, node] of [
        [1, 'w'],
        [2, 'v'],
        [3, 'w'],
        [4, 'x'],
      ] as const)
        store.addStep({ enrolmentId: 'e', at, node, type: 'wait' });
      store.addStep({ enrolmentId: 'other', at: 9, node: 'w', type: 'wait' });
    });
    expect(lastStepAt('e', 'w')).toBe(3);
    expect(lastStepAt('e', 'y')).toBeUndefined();
  });

  test("keeps the version and node a step's contact was moved from", () => {
    const store = open();
    store.transaction(() => {
      store.addStep({ enrolmentId: 'e', at: 1, node: 'w', type: 'wait' });
      store.addStep({ enrolmentId: 'e', at: 2, node: 'v', type: 'waitFor', migratedFrom: { version: 1, node: 'w' } });
      store.setStepPort('e', 'v', 'met');
    });
    expect(store.stepsOf('e')).toEqual([
      { enrolmentId: 'e', at: 1, node: 'w', type: 'wait' },
      { enrolmentId: 'e', at: 2, node: 'v', type: 'waitFor', port: 'met', migratedFrom: { version: 1, node: 'w' } },
    ]);
  });

  test("holds back a paused flow's timers, those put meanwhile too, and gives them back in their order", () => {
    const store = open();
    store.transaction(() => {
      store.putEnrolment(testEnrolment('e1', [timer('e1', 't1', 100)]));
      store.putEnrolment(testEnrolment('e2', [timer('e2', 't2', 200)], { flowId: 'g', contactId: 'd' }));
      store.putEnrolment(testEnrolment('e5', [timer('e5', 't5', 100)], { flowId: 'g', contactId: 'e' }));
    });
    store.transaction(() => store.holdTimers('f', 7));
    expect([...store.heldFlows()]).toEqual([['f', 7]]);
    const due = () => store.dueTimers(1000, 10).map((t) => t.id);
    expect(due()).toEqual(['t5', 't2']);
    expect(store.nextTimerAt()).toBe(100);
    store.transaction(() => {
      store.putEnrolment(testEnrolment('e3', [timer('e3', 't3', 50)], { contactId: 'x' }));
      const e1 = store.getEnrolment('e1')!;
      e1.position = 'v';
      store.putEnrolment(e1);
    });
    expect(due()).toEqual(['t5', 't2']);
    expect(store.dueTimers(1000, 1).map((t) => t.id)).toEqual(['t5']);
    store.transaction(() => store.holdTimers('f', null));
    expect([...store.heldFlows()]).toEqual([]);
    // t1 was set before t5 and keeps its place among the timers due at 100.
    expect(due()).toEqual(['t3', 't1', 't5', 't2']);
    expect(store.nextTimerAt()).toBe(50);
  });
}
