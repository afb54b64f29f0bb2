import { describe, expect, it } from 'vitest';
import { compareTraces, stepLabels } from './compareTraces.ts';
import { flowOf, onEvent, run } from './testSupport.ts';

const flow = flowOf(
  [
    { id: 'start', type: 'trigger', config: onEvent('signup') },
    { id: 'c', type: 'condition', label: 'Score ≥ 10?', config: { if: { score: { gte: 10 } } } },
    { id: 'mail', type: 'sendEmail', label: 'Welcome', config: { subject: 'Hi', body: 'x' } },
    { id: 'pause', type: 'wait', label: 'Wait a while', config: { for: 'P2D' } },
    { id: 'done', type: 'exit' },
  ],
  [
    ['start', 'c'],
    ['c', 'mail', 'yes'],
    ['c', 'done', 'no'],
    ['mail', 'pause'],
    ['pause', 'done'],
  ],
  { timezone: 'Europe/Vienna' },
);
const options = { timezone: 'Europe/Vienna', labels: stepLabels(flow) };
const anna = { id: 'c-anna', email: 'anna@example.com', properties: { firstName: 'Anna' } };
const start = '2026-12-01T08:00:00Z';

describe('compareTraces', () => {
  it('finds nothing when the outcome is the same, even with instants written differently', () => {
    const a = run(flow, { events: [{ at: 'PT0S', type: 'signup' }] }).trace;
    const b = structuredClone(a);
    b.enrolments[0]!.enteredAt = '2026-03-02T09:00:00+01:00';
    expect(compareTraces(a, b)).toEqual([]);
  });

  it('says in sentences, with labels and the flow’s local time, what changed after an edit', () => {
    const before = run(flow, { start, contact: { ...anna, score: 20 }, events: [{ at: 'PT0S', type: 'signup' }] }).trace;
    const after = run(flow, { start, contact: { ...anna, score: 5 }, events: [{ at: 'PT0S', type: 'signup' }] }).trace;
    const changes = compareTraces(before, after, options);
    expect(changes.map((c) => c.path)).toEqual(['enrolments/0/endedAt', 'enrolments/0/steps', 'emails', 'contact/score']);
    expect(changes.map((c) => c.message)).toEqual([
      'Anna’s enrolment now ends on 1 Dec at 09:00 instead of 3 Dec at 09:00.',
      'From step 2 on, Anna now goes “Score ≥ 10?” (no) → done instead of “Score ≥ 10?” (yes) → “Welcome” → “Wait a while” → done.',
      'Anna no longer gets “Hi” from “Welcome” on 1 Dec at 09:00.',
      'Anna’s score at the end is 5 instead of 20.',
    ]);
  });

  it('says when the same path is walked at another time', () => {
    const before = run(flow, { start, contact: { ...anna, score: 20 }, events: [{ at: 'PT0S', type: 'signup' }] }).trace;
    const after = run(flow, { start, contact: { ...anna, score: 20 }, events: [{ at: 'P2D', type: 'signup' }] }).trace;
    const messages = compareTraces(before, after, options).map((c) => c.message);
    expect(messages).toContain('Anna’s enrolment now starts on 3 Dec at 09:00 instead of 1 Dec at 09:00.');
    expect(messages).toContain('Anna now reaches start on 3 Dec at 09:00 instead of 1 Dec at 09:00.');
    expect(messages.join(' ')).not.toMatch(/\d{4}-\d\d-\d\dT|P\d+D|PT\d/);
  });

  it('notices an enrolment that no longer happens', () => {
    const before = run(flow, { start, contact: anna, events: [{ at: 'PT0S', type: 'signup' }] }).trace;
    const after = run(flow, { start, contact: anna, events: [] }).trace;
    const changes = compareTraces(before, after, options);
    expect(changes.map((c) => c.path)).toEqual(expect.arrayContaining(['status', 'enrolments/0']));
    expect(changes[0]!.message).toBe('Anna now never enters the flow instead of completing it.');
    expect(changes[1]!.message).toBe('Anna no longer enters the flow (on 1 Dec at 09:00).');
  });
});
