import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { MemoryStore } from './memoryStore.ts';
import { sampleMove } from './moveSample.ts';
import { moveSummary } from './moveSummary.ts';
import { flowOf, onEvent } from './testSupport.ts';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const D = 86_400_000;
const start = { id: 'start', type: 'trigger', config: onEvent('signup') };
const mail = (id: string, subject: string) => ({ id, type: 'sendEmail', config: { subject, body: 'x' } });
const version = (wait: string, subject: string) =>
  flowOf(
    [start, { id: 'w', type: 'wait', config: { for: wait } }, mail('m', subject)],
    [
      ['start', 'w'],
      ['w', 'm'],
    ],
  );

/** Contact Anna in version 1, entered at T0; her real records as a store holds them. */
function anna() {
  const store = new MemoryStore();
  const engine = new Engine({ store });
  const a = version('P3D', 'Nudge');
  engine.addFlow(a, 1);
  engine.putContact({ id: 'anna', email: 'anna@x.io', stage: 'subscriber', owner: null, properties: { firstName: 'Anna' }, adjustments: 0 });
  engine.ingest({ contactId: 'anna', at: T0, type: 'signup' });
  const enrolment = store.enrolmentsOf(a.id, 'anna')[0]!;
  const real = {
    contact: store.getContact('anna')!,
    events: store.eventsOf('anna'),
    emails: store.emailsOf('anna'),
    enrolment,
    steps: store.stepsOf(enrolment.id),
  };
  return { a, store, real };
}

describe('a sample of a migration', () => {
  it('runs a contact forward from its real state both ways, writing nothing to its store', () => {
    const { a, store, real } = anna();
    const b = version('P1D', 'Case study');
    const before = JSON.stringify([store.stepsOf(real.enrolment.id), store.emailsOf('anna'), real.enrolment.timers]);
    const at = T0 + 12 * 3_600_000;
    const out = sampleMove({ ...real, from: { flow: a, version: 1 }, to: { flow: b, version: 2 }, target: 'w', at, horizon: 30 * D });
    expect(out.before.emails.map((m) => [m.subject, m.at])).toEqual([['Nudge', T0 + 3 * D]]);
    expect(out.after.emails.map((m) => [m.subject, m.at])).toEqual([['Case study', T0 + D]]);
    expect(out.after.steps[0]).toMatchObject({ node: 'w', migratedFrom: { version: 1, node: 'w' }, at });
    expect(out.after.status).toBe('completed');
    expect(JSON.stringify([store.stepsOf(real.enrolment.id), store.emailsOf('anna'), real.enrolment.timers])).toBe(before);
    expect(moveSummary('Anna', at, out.before, out.after, 'Europe/Vienna')).toBe(
      'Anna would now get “Case study” on Tue 3 Mar, 09:00 instead of “Nudge” on Thu 5 Mar, 09:00.',
    );
  });

  it('says when a contact would leave the flow, and when nothing changes', () => {
    const { a, real } = anna();
    const at = T0 + D;
    const exit = sampleMove({ ...real, from: { flow: a, version: 1 }, to: { flow: a, version: 2 }, target: null, at, horizon: 30 * D });
    expect(moveSummary('Anna', at, exit.before, exit.after, 'UTC')).toBe('Anna would leave the flow now instead of getting “Nudge” on Thu 5 Mar, 08:00.');
    const same = sampleMove({ ...real, from: { flow: a, version: 1 }, to: { flow: structuredClone(a), version: 2 }, target: 'w', at, horizon: 30 * D });
    expect(moveSummary('Anna', at, same.before, same.after, 'UTC')).toBe('No change for Anna: “Nudge” on Thu 5 Mar, 08:00.');
  });
});
