import { describe, expect, it } from 'vitest';
import { compare, holds, matches, type ConditionSubject } from './conditions.ts';
import { countInList } from './eventQuery.ts';
import type { EventRecord } from './records.ts';

const at = Date.parse('2026-03-10T00:00:00Z');
const day = 86_400_000;
const ev = (seq: number, type: string, daysAgo: number, data = {}): EventRecord => ({ seq, contactId: 'c', at: at - daysAgo * day, type, data });

const history = [ev(1, 'email_clicked', 10, { email: 'welcome' }), ev(2, 'email_clicked', 2, { email: 'case' }), ev(3, 'page_viewed', 1, { path: '/pricing' })];

function subject(over: Partial<ConditionSubject> = {}): ConditionSubject {
  return {
    contact: { id: 'c', email: 'c@example.com', stage: 'mql', owner: null, properties: { employees: 120, industry: 'Software', plan: null }, adjustments: 0 },
    countEvents: (q, limit) => countInList(history, q, limit),
    at,
    score: () => 42,
    ...over,
  };
}

describe('compare', () => {
  it('requires every operator to hold', () => {
    expect(compare(5, { gte: 1, lte: 10 })).toBe(true);
    expect(compare(5, { gte: 1, lte: 4 })).toBe(false);
  });

  it('fails every operator on a missing value except exists:false and ne', () => {
    for (const cmp of [{ eq: 1 }, { gt: 0 }, { lt: 10 }, { in: [1] }, { contains: 'a' }, { exists: true }]) {
      expect(compare(undefined, cmp)).toBe(false);
    }
    expect(compare(undefined, { exists: false })).toBe(true);
    expect(compare(undefined, { ne: 'x' })).toBe(true);
  });

  it('matches contains case-insensitively', () => {
    expect(compare('Software', { contains: 'SOFT' })).toBe(true);
  });

  it('never orders a number against a string', () => {
    expect(compare('120', { gt: 100 })).toBe(false);
  });
});

describe('holds', () => {
  it('compares the score', () => {
    expect(holds({ score: { gte: 40 } }, subject())).toBe(true);
    expect(holds({ score: { gte: 50 } }, subject())).toBe(false);
  });

  it('compares stages by lifecycle order, not alphabetically', () => {
    expect(holds({ stage: { gte: 'lead' } }, subject())).toBe(true);
    expect(holds({ stage: { lt: 'sql' } }, subject())).toBe(true);
    expect(holds({ stage: { gte: 'opportunity' } }, subject())).toBe(false);
  });

  it('treats a null property as missing', () => {
    expect(holds({ property: { name: 'plan', exists: false } }, subject())).toBe(true);
    expect(holds({ property: { name: 'employees', gte: 50 } }, subject())).toBe(true);
  });

  it('counts matching events, only within the window when one is given', () => {
    expect(holds({ event: { type: 'email_clicked' } }, subject())).toBe(true);
    expect(holds({ event: { type: 'email_clicked', count: { gte: 2 } } }, subject())).toBe(true);
    expect(holds({ event: { type: 'email_clicked', within: 'P7D', count: { gte: 2 } } }, subject())).toBe(false);
    expect(holds({ event: { type: 'email_clicked', where: { email: ['case', 'other'] } } }, subject())).toBe(true);
    expect(holds({ event: { type: 'email_clicked', where: { email: 'nope' } } }, subject())).toBe(false);
  });

  it('counts only events recorded after the given sequence number inside a waitFor, ignoring within', () => {
    expect(holds({ event: { type: 'email_clicked', within: 'P1D' } }, subject(), 1)).toBe(true);
    expect(holds({ event: { type: 'email_clicked' } }, subject(), 3)).toBe(false);
  });

  it('combines with all, any and not', () => {
    const s = subject();
    expect(holds({ all: [{ score: { gte: 40 } }, { stage: { eq: 'mql' } }] }, s)).toBe(true);
    expect(holds({ any: [{ score: { gte: 90 } }, { not: { stage: { eq: 'lead' } } }] }, s)).toBe(true);
    expect(holds({ not: { any: [] } }, s)).toBe(true);
  });
});

describe('property names of Object.prototype', () => {
  it("mean only the contact's own properties: constructor, toString and __proto__ do not exist on a contact without them", () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(holds({ property: { name, exists: true } }, subject())).toBe(false);
      expect(holds({ property: { name, exists: false } }, subject())).toBe(true);
      expect(holds({ property: { name, ne: 'x' } }, subject())).toBe(true);
    }
  });

  it('are ordinary properties when the contact has them', () => {
    const contact = { ...subject().contact, properties: { constructor: 'Bob the builder', toString: 3 } };
    expect(holds({ property: { name: 'constructor', contains: 'builder' } }, subject({ contact }))).toBe(true);
    expect(holds({ property: { name: 'toString', gte: 3 } }, subject({ contact }))).toBe(true);
  });

  it("in an event filter match only the event's own data", () => {
    expect(matches({ form: 'demo' }, { constructor: ['x', 'y'], form: 'demo' })).toBe(false);
    expect(matches({ constructor: 'x' }, { constructor: 'x' })).toBe(true);
  });
});

describe('matches', () => {
  it('requires every key to equal the value or one of the values', () => {
    expect(matches({ form: 'demo', page: '/x' }, { form: 'demo' })).toBe(true);
    expect(matches({ form: 'demo' }, { form: ['whitepaper', 'demo'] })).toBe(true);
    expect(matches({ form: 'demo' }, { form: 'demo', page: '/x' })).toBe(false);
  });
});
