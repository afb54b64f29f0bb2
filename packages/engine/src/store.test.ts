import { describe, it } from 'vitest';
import fc from 'fast-check';
import { durationMs } from '@hourglass/documents';
import { Engine } from './engine.ts';
import { MemoryStore } from './memoryStore.ts';
import { randomEvents, randomFlow, validFlow } from './randomFlows.ts';
import type { EmailRecord, EnrolmentRecord, EventRecord, HandoffRecord, StoredContact } from './records.ts';

/** Freezes what it is given: changing a record once given to the store throws (ES modules are strict). */
class FrozenStore extends MemoryStore {
  override putContact(contact: StoredContact) {
    Object.freeze(contact.properties);
    super.putContact(Object.freeze(contact));
  }
  override addEvent(event: Omit<EventRecord, 'seq'>) {
    const record = super.addEvent(event);
    Object.freeze(record.data);
    return Object.freeze(record);
  }
  override putEnrolment(enrolment: EnrolmentRecord) {
    for (const t of enrolment.timers) Object.freeze(t);
    Object.freeze(enrolment.timers);
    super.putEnrolment(enrolment);
  }
  override addEmail(email: EmailRecord) {
    super.addEmail(Object.freeze(email));
  }
  override addHandoff(handoff: HandoffRecord) {
    super.addHandoff(Object.freeze(handoff));
  }
}

describe('the engine and the store contract', () => {
  it('never changes a contact, event, timer list, email or handoff once given to the store, on random flows and timelines', () => {
    const t0 = Date.parse('2026-03-27T10:00:00Z');
    fc.assert(
      fc.property(randomFlow, randomEvents, fc.integer({ min: 0, max: 300 }), (doc, events, employees) => {
        const flow = validFlow(doc);
        fc.pre(flow !== null);
        const engine = new Engine({ store: new FrozenStore() });
        engine.addFlow(flow!, 1);
        engine.putContact({ id: 'c', email: 'c@x.io', stage: 'subscriber', owner: null, properties: { employees }, adjustments: 0 });
        const inputs = [{ at: t0, type: 'signup' }, ...events.map((e) => ({ at: t0 + durationMs(e.at), type: e.type }))].sort((a, b) => a.at - b.at);
        for (const input of inputs) {
          engine.fireDue(input.at);
          engine.ingest({ contactId: 'c', ...input, properties: { employees: employees + 1 } });
        }
        engine.fireDue(t0 + durationMs('P30D'));
      }),
      { numRuns: 60 },
    );
  });
});
