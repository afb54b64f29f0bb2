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
});
