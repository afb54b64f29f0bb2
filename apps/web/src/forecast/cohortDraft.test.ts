import { describe, expect, it } from 'vitest';
import type { ContactMix } from '@hourglass/api';
import { cohortContacts, cohortFromMix, DEFAULT_COHORT, distributionText, parseDistribution } from './cohortDraft.ts';

const mix: ContactMix = {
  contacts: 40,
  stages: { lead: 30, mql: 10 },
  properties: {
    industry: { kind: 'text', contacts: 40, values: { software: 24, retail: 16 }, distinct: 2 },
    employees: { kind: 'number', contacts: 38, min: 5, max: 800, integer: true },
    city: { kind: 'text', contacts: 12, values: { Vienna: 12 }, distinct: 1 },
    unsubscribed: { kind: 'text', contacts: 3, values: { yes: 3 }, distinct: 1 },
  },
};

describe('the cohort of a forecast', () => {
  it('starts like the workspace’s contacts: their stage mix and the values of the properties the flow reads first', () => {
    const draft = cohortFromMix(mix, ['country', 'employees', 'industry']);
    expect(draft.stages).toEqual([
      { stage: 'lead', share: '75' },
      { stage: 'mql', share: '25' },
    ]);
    expect(draft.properties).toEqual([
      { name: 'employees', values: '5–800' },
      { name: 'industry', values: 'software 60%, retail 40%' },
      { name: 'city', values: 'Vienna 100%' },
    ]);
    expect(draft.source).toBe('Like your 40 contacts; none of them has country, which the flow or its scoring reads.');
  });

  it('falls back to leads without properties when the workspace has no contacts', () => {
    expect(cohortFromMix({ contacts: 0, stages: {}, properties: {} }, ['industry'])).toEqual(DEFAULT_COHORT);
  });

  it('reads values with shares, ranges and single values as a marketer writes them', () => {
    expect(parseDistribution('software 60%, retail 40%')).toEqual({ ok: true, distribution: { choice: { software: 60, retail: 40 } } });
    expect(parseDistribution('AT, DE, CH')).toEqual({ ok: true, distribution: { choice: { AT: 1, DE: 1, CH: 1 } } });
    expect(parseDistribution('10–500')).toEqual({ ok: true, distribution: { uniform: [10, 500], integer: true } });
    expect(parseDistribution('0.5 - 2.5')).toEqual({ ok: true, distribution: { uniform: [0.5, 2.5] } });
    expect(parseDistribution('120')).toEqual({ ok: true, distribution: { value: 120 } });
    expect(parseDistribution('DE')).toEqual({ ok: true, distribution: { value: 'DE' } });
    expect(parseDistribution('500-10')).toMatchObject({ ok: false });
    expect(parseDistribution(' ')).toMatchObject({ ok: false });
    for (const text of ['software 60%, retail 40%', '10–500', 'DE']) {
      const d = parseDistribution(text);
      expect(d.ok && distributionText(d.distribution)).toBe(text);
    }
  });

  it('gives the contacts of the engagement model, or says what is wrong', () => {
    const draft = cohortFromMix(mix, ['employees']);
    const contacts = cohortContacts(draft);
    expect(contacts).toMatchObject({
      ok: true,
      stages: { lead: 75, mql: 25 },
      properties: { employees: { uniform: [5, 800], integer: true }, industry: { choice: { software: 60, retail: 40 } } },
    });
    expect(cohortContacts({ ...draft, stages: [{ stage: 'lead', share: 'lots' }] })).toEqual({
      ok: false,
      error: 'The share of lead must be a number above 0.',
    });
    expect(cohortContacts({ ...draft, properties: [{ name: 'employees', values: '' }] })).toMatchObject({
      ok: false,
      error: expect.stringContaining('employees:'),
    });
  });
});
