import { describe, expect, it } from 'vitest';
import { computeScore } from './scoring.ts';
import { scoringOf } from './testSupport.ts';
import { countInList, type EventQuery } from './eventQuery.ts';
import type { ContactRecord, EventRecord } from './records.ts';

const day = 86_400_000;
const t0 = Date.parse('2026-03-01T00:00:00Z');
const contact: ContactRecord = { id: 'c', stage: 'lead', owner: null, properties: { employees: 80, country: 'AT' }, adjustments: 0 };
const clicks: EventRecord[] = [0, 1, 2, 3].map((d, i) => ({ seq: i + 1, contactId: 'c', at: t0 + d * day, type: 'email_clicked', data: {} }));

const over = (events: readonly EventRecord[]) => (q: EventQuery, limit: number) => countInList(events, q, limit);

const model = scoringOf({
  fit: [
    { if: { property: { name: 'employees', gte: 50 } }, points: 15 },
    { if: { stage: { gte: 'mql' } }, points: 5 },
  ],
  behaviour: [
    { event: 'email_clicked', points: 10, max: 30, expires: 'P2D' },
    { event: 'email_clicked', points: 1 },
  ],
});

describe('computeScore', () => {
  it('adds the points of every fit rule that holds', () => {
    expect(computeScore(model, contact, over([]), t0).fit).toBe(15);
    expect(computeScore(model, { ...contact, stage: 'sql' }, over([]), t0).fit).toBe(20);
  });

  it('lets one event earn points from several rules', () => {
    expect(computeScore(model, contact, over(clicks.slice(0, 1)), t0).behaviour).toBe(11);
  });

  it('caps a rule at its max', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ ...clicks[0]!, seq: i + 1 }));
    expect(computeScore(model, contact, over(many), t0).behaviour).toBe(30 + 5);
  });

  it('expires points at at + expires, exclusive', () => {
    // At day 3 the click of day 1 has just expired; a moment earlier it still counted.
    const at = t0 + 3 * day;
    expect(computeScore(model, contact, over(clicks), at).behaviour).toBe(20 + 4);
    expect(computeScore(model, contact, over(clicks), at - 1).behaviour).toBe(20 + 3);
    expect(computeScore(model, contact, over(clicks.slice(0, 3)), t0 + 2 * day - 1).behaviour).toBe(20 + 2);
  });

  it('ignores events after the instant scored', () => {
    expect(computeScore(model, contact, over(clicks), t0 + day - 1).behaviour).toBe(11);
  });

  it('adds adjustments, which never expire', () => {
    expect(computeScore(model, { ...contact, adjustments: 7 }, over([]), t0 + 900 * day).score).toBe(15 + 7);
  });

  it('does not give fit points for a property the contact only inherits, such as toString', () => {
    const inherited = scoringOf({
      fit: [
        { if: { property: { name: 'toString', exists: true } }, points: 50 },
        { if: { property: { name: 'constructor', ne: 'Object' } }, points: 7 },
      ],
    });
    expect(computeScore(inherited, contact, over([]), t0).fit).toBe(7);
    expect(computeScore(inherited, { ...contact, properties: { toString: 'yes' } }, over([]), t0).fit).toBe(57);
  });

  it('is only the adjustments without a scoring model', () => {
    expect(computeScore(undefined, { ...contact, adjustments: 3 }, over(clicks), t0 + day)).toEqual({ score: 3, fit: 0, behaviour: 0, adjustments: 3 });
  });
});
