import { describe, expect, it } from 'vitest';
import { eventText } from './eventText.ts';

describe('eventText', () => {
  it('says what sales decided and its note, not JSON', () => {
    expect(eventText('sales_feedback', { verdict: 'accepted', handoff: 'h-1', note: 'Call booked for Tuesday' })).toBe(
      'Sales accepted the lead: “Call booked for Tuesday”',
    );
    expect(eventText('sales_feedback', { verdict: 'rejected', handoff: 'h-1' })).toBe('Sales rejected the lead');
  });

  it('writes other data as "key: value" pairs', () => {
    expect(eventText('form_submitted', { form: 'whitepaper', employees: 120, vip: null })).toBe('form: whitepaper, employees: 120, vip: —');
    expect(eventText('page_viewed', undefined)).toBe('');
  });
});
