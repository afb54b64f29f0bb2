import { describe, expect, it } from 'vitest';
import { compareTraces } from './compareTraces.ts';
import { flowOf, onEvent, run } from './testSupport.ts';

const flow = flowOf(
  [
    { id: 'start', type: 'trigger', config: onEvent('signup') },
    { id: 'c', type: 'condition', config: { if: { score: { gte: 10 } } } },
    { id: 'mail', type: 'sendEmail', config: { subject: 'Hi', body: 'x' } },
    { id: 'done', type: 'exit' },
  ],
  [
    ['start', 'c'],
    ['c', 'mail', 'yes'],
    ['c', 'done', 'no'],
    ['mail', 'done'],
  ],
);

describe('compareTraces', () => {
  it('finds nothing when the outcome is the same, even with instants written differently', () => {
    const a = run(flow, { events: [{ at: 'PT0S', type: 'signup' }] }).trace;
    const b = structuredClone(a);
    b.enrolments[0]!.enteredAt = '2026-03-02T09:00:00+01:00';
    expect(compareTraces(a, b)).toEqual([]);
  });

  it('lists the changed path, emails and contact after an edit', () => {
    const before = run(flow, { contact: { id: 'c', email: 'c@x.io', score: 20 }, events: [{ at: 'PT0S', type: 'signup' }] }).trace;
    const after = run(flow, { contact: { id: 'c', email: 'c@x.io', score: 5 }, events: [{ at: 'PT0S', type: 'signup' }] }).trace;
    const changes = compareTraces(before, after);
    expect(changes.map((c) => c.path)).toEqual(['enrolments/0/steps', 'emails', 'contact/score']);
    expect(changes[0]!.message).toContain('from step 2');
    expect(changes[1]!.message).toContain('no longer sends "Hi"');
  });

  it('notices an enrolment that no longer happens', () => {
    const before = run(flow, { events: [{ at: 'PT0S', type: 'signup' }] }).trace;
    const after = run(flow, { events: [] }).trace;
    expect(compareTraces(before, after).map((c) => c.path)).toEqual(expect.arrayContaining(['status', 'enrolments/0']));
  });
});
