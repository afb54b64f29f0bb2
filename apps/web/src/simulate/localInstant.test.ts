import { describe, expect, it } from 'vitest';
import { instantToLocalInput, isInstantText, localInputToInstant } from './localInstant.ts';

describe('instants in the pickers of the simulate panel', () => {
  it('shows an instant as the wall-clock time of the flow’s time zone, and reads it back', () => {
    expect(instantToLocalInput('2026-03-02T08:00:00Z', 'Europe/Vienna')).toBe('2026-03-02T09:00');
    expect(instantToLocalInput('2026-07-02T08:00:00+02:00', 'UTC')).toBe('2026-07-02T06:00');
    expect(localInputToInstant('2026-03-02T09:00', 'Europe/Vienna')).toBe('2026-03-02T08:00:00Z');
    expect(localInputToInstant('2026-11-27T06:17', 'America/New_York')).toBe('2026-11-27T11:17:00Z');
  });

  it('gives nothing for what is not an instant: a duration, an empty or half-typed picker', () => {
    expect(instantToLocalInput('P1D', 'UTC')).toBe('');
    expect(localInputToInstant('', 'UTC')).toBeNull();
    expect(localInputToInstant('2026-03-0', 'UTC')).toBeNull();
  });

  it('tells an instant from a duration after the start', () => {
    expect(isInstantText('2026-03-02T08:00:00Z')).toBe(true);
    expect(isInstantText('PT0S')).toBe(false);
    expect(isInstantText('P1D')).toBe(false);
    expect(isInstantText('')).toBe(false);
  });
});
