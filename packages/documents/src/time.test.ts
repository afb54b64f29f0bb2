import { describe, expect, it } from 'vitest';
import { isTimezone, parseInstant, parseTimeOfDay } from './time.ts';

describe('times in documents', () => {
  it('knows a real IANA zone as often as it is asked, and never a made-up one, even after real ones', () => {
    for (let i = 0; i < 3; i++) {
      expect(['Europe/Berlin', 'America/New_York', 'UTC'].map(isTimezone)).toEqual([true, true, true]);
      expect(['Europe/Atlantis', 'Sport~~blorp', '', 'europe/berlin '].map(isTimezone)).toEqual([false, false, false, false]);
      // As Intl, whatever the case.
      expect(['europe/berlin', 'EUROPE/BERLIN'].map(isTimezone)).toEqual([true, true]);
    }
  });

  it('reads HH:MM times of day and ISO 8601 instants with an offset, and nothing else', () => {
    expect([parseTimeOfDay('09:30'), parseTimeOfDay('24:00'), parseTimeOfDay('9:30')]).toEqual([570, null, null]);
    expect([parseInstant('2026-03-02T08:00:00Z'), parseInstant('2026-03-02T08:00'), parseInstant(42)]).toEqual([Date.UTC(2026, 2, 2, 8), null, null]);
  });
});
