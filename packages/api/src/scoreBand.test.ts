import { describe, expect, it } from 'vitest';
import { scoreBand, scoreBandLabel } from './scoreBand.ts';

describe('score bands', () => {
  it('puts a score in the band of ten points that holds it, below zero too', () => {
    expect([0, 9, 10, 39, 40, 49, 50, -1, -10, -11].map(scoreBand)).toEqual([0, 0, 10, 30, 40, 40, 50, -10, -10, -20]);
  });

  it('names a band by its first and last score', () => {
    expect(scoreBandLabel(40)).toBe('40–49');
    expect(scoreBandLabel(0)).toBe('0–9');
    expect(scoreBandLabel(-20)).toBe('−20 to −11');
  });
});
