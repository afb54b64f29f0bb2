import { describe, expect, it } from 'vitest';
import { durationMs, humanDuration, isoDuration, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it.each([
    ['P3D', 3 * 86_400_000],
    ['PT12H', 12 * 3_600_000],
    ['P1DT6H', 30 * 3_600_000],
    ['P2W', 14 * 86_400_000],
    ['PT90M', 90 * 60_000],
    ['PT1.5S', 1500],
    ['-P1D', -86_400_000],
    ['PT0S', 0],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, ms });
  });

  it('refuses years and months, whose length varies, and says so', () => {
    for (const text of ['P1Y', 'P1M', 'P1Y2M']) {
      const r = parseDuration(text);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatch(/years or months/);
    }
  });

  it('refuses text that is not a duration', () => {
    for (const text of ['', 'P', 'PT', '3 days', 'P1H', 'PT1D', '1D']) expect(parseDuration(text).ok).toBe(false);
  });
});

describe('humanDuration', () => {
  it('writes durations for people', () => {
    expect(humanDuration('P3D')).toBe('3 days');
    expect(humanDuration('P1DT6H')).toBe('1 day 6 hours');
    expect(humanDuration('-P1D')).toBe('1 day before');
  });

  it('says "more than 10 years" of a duration past the longest one rather than a noise of weeks and seconds', () => {
    expect(humanDuration('P99999999999999D')).toBe('more than 10 years');
    expect(humanDuration('P3650D')).toBe('521 weeks 3 days');
  });
});

describe('isoDuration', () => {
  it('writes milliseconds as days, hours, minutes and seconds that parse back to the same value', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(86_400_000)).toBe('P1D');
    expect(isoDuration(86_400_000 + 2 * 3_600_000 + 30 * 60_000)).toBe('P1DT2H30M');
    expect(isoDuration(-3_600_000)).toBe('-PT1H');
    for (const ms of [1000, 59_000, 3_600_000 * 25 + 1000, 7 * 86_400_000]) expect(durationMs(isoDuration(ms))).toBe(ms);
  });
});
