import { describe, expect, it } from 'vitest';
import { durationFromParts, durationParts } from './durationParts.ts';

describe('durationParts', () => {
  it('shows a duration in the largest unit that divides it', () => {
    expect(durationParts('P3D')).toEqual({ amount: '3', unit: 'days', negative: false });
    expect(durationParts('P2W')).toEqual({ amount: '2', unit: 'weeks', negative: false });
    expect(durationParts('P14D')).toEqual({ amount: '2', unit: 'weeks', negative: false });
    expect(durationParts('P1DT6H')).toEqual({ amount: '30', unit: 'hours', negative: false });
    expect(durationParts('-PT90M')).toEqual({ amount: '90', unit: 'minutes', negative: true });
  });

  it('writes the ISO duration of a number and a unit', () => {
    expect(durationFromParts({ amount: '3', unit: 'days', negative: false })).toEqual({ ok: true, iso: 'P3D' });
    expect(durationFromParts({ amount: '12', unit: 'hours', negative: false })).toEqual({ ok: true, iso: 'PT12H' });
    expect(durationFromParts({ amount: '1', unit: 'weeks', negative: true })).toEqual({ ok: true, iso: '-P1W' });
  });

  it('refuses what is not a whole number, with a sentence', () => {
    expect(durationFromParts({ amount: '2.5', unit: 'days', negative: false })).toEqual({ ok: false, error: 'Enter a whole number of days, like 3.' });
    expect(durationFromParts({ amount: '', unit: 'hours', negative: false })).toEqual({ ok: false, error: 'Enter a number of hours.' });
  });

  it('shows a stored minus in a field without a sign instead of hiding it, and a typed number replaces it', () => {
    expect(durationParts('-P3D', 'days', false)).toEqual({ amount: '-3', unit: 'days', negative: false });
    expect(durationFromParts({ amount: '-3', unit: 'days', negative: false })).toEqual({
      ok: false,
      error: 'This duration cannot be negative: enter 3 days, without the minus.',
    });
    expect(durationFromParts({ ...durationParts('-P3D', 'days', false), amount: '5' })).toEqual({ ok: true, iso: 'P5D' });
  });

  it('shows a huge stored number exactly as it is written', () => {
    expect(durationParts('P99999999999999D', 'days', false)).toEqual({ amount: '99999999999999', unit: 'days', negative: false });
  });
});
