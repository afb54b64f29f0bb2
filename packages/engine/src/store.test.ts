import { describe, it } from 'vitest';
import fc from 'fast-check';
import { durationMs } from '@hourglass/documents';
import { Engine } from './engine.ts';
import { MemoryStore } from './memoryStore.ts';
import { randomRun } from './randomFlows.ts';
import { scenarioInstant } from './simulate.ts';
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
    fc.assert(
      fc.property(randomRun, ({ flow, scenario }) => {
        fc.pre(flow !== null);
        const start = Date.parse(scenario.start);
        const engine = new Engine({ store: new FrozenStore() });
        engine.addFlow(flow!, 1);
        engine.putContact({ id: 'c', email: 'c@x.io', stage: 'subscriber', owner: null, properties: { ...scenario.contact.properties }, adjustments: 0 });
        const inputs = scenario.events.map((e) => ({ at: scenarioInstant(e.at, start), type: e.type })).sort((a, b) => a.at - b.at);
        for (const input of inputs) {
          engine.fireTimersUntil(input.at);
          engine.ingest({ contactId: 'c', ...input, properties: { employees: inputs.length } });
        }
        engine.fireTimersUntil(start + durationMs(scenario.horizon));
      }),
      { numRuns: 60 },
    );
  });
});
