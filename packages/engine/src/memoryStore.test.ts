import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memoryStore.ts';
import { storeContract, testEnrolment } from './storeContract.ts';

storeContract('MemoryStore', () => new MemoryStore(), { rollsBack: false, historyRuns: 300 });

describe('MemoryStore', () => {
  it("hands back the very enrolment it was given, so the engine's live snapshot comes back with it", () => {
    const store = new MemoryStore();
    const snapshot = { status: 'active', value: 'w', context: { since: 0 } };
    const e = testEnrolment('e', [], { snapshot });
    store.putEnrolment(e);
    expect(store.getEnrolment('e')).toBe(e);
    expect(store.activeEnrolmentsOf('c')[0]!.snapshot).toBe(snapshot);
  });

  it('forgets everything when cleared, numbering events and timers afresh', () => {
    const store = new MemoryStore();
    store.addEvent({ contactId: 'c', at: 1, type: 'a', data: {} });
    store.putContact({ id: 'c', stage: 'lead', owner: null, properties: {}, adjustments: 0 });
    store.takeRoundRobin('f', 1, 'h');
    store.clear();
    expect(store.getContact('c')).toBeUndefined();
    expect(store.eventsOf('c')).toEqual([]);
    expect(store.addEvent({ contactId: 'c', at: 1, type: 'a', data: {} }).seq).toBe(1);
    expect(store.takeRoundRobin('f', 1, 'h')).toBe(0);
  });
});
