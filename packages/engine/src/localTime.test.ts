import { describe, expect, it } from 'vitest';
import { inSendWindow, nextSendWindowOpening, nextTimeOfDay, offsetMinutes } from './localTime.ts';

const t = (iso: string) => Date.parse(iso);
const weekdays = { days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, from: '09:00', to: '17:00' };
const window = { ...weekdays, days: [...weekdays.days] };

describe('nextTimeOfDay', () => {
  it('resumes later the same day when the time has not passed yet', () => {
    expect(nextTimeOfDay(t('2026-03-02T06:00:00Z'), '09:00', 'UTC')).toBe(t('2026-03-02T09:00:00Z'));
  });

  it('resumes at the instant itself when it is exactly that time', () => {
    expect(nextTimeOfDay(t('2026-03-02T09:00:00Z'), '09:00', 'UTC')).toBe(t('2026-03-02T09:00:00Z'));
  });

  it('keeps 09:00 local across the spring DST change in Vienna', () => {
    // Sat 28 Mar 2026 is CET (UTC+1); Sun 29 Mar is CEST (UTC+2) from 02:00 local.
    expect(nextTimeOfDay(t('2026-03-28T10:00:00Z'), '09:00', 'Europe/Vienna')).toBe(t('2026-03-29T07:00:00Z'));
  });

  it('keeps 09:00 local across the autumn DST change in Vienna', () => {
    // Sun 25 Oct 2026 goes back from CEST to CET.
    expect(nextTimeOfDay(t('2026-10-24T10:00:00Z'), '09:00', 'Europe/Vienna')).toBe(t('2026-10-25T08:00:00Z'));
  });

  it('moves a time skipped by the DST change to the same wall time an hour later', () => {
    // 02:30 does not exist in Vienna on 29 Mar 2026; 03:30 CEST is 01:30Z.
    expect(nextTimeOfDay(t('2026-03-28T23:00:00Z'), '02:30', 'Europe/Vienna')).toBe(t('2026-03-29T01:30:00Z'));
  });

  it('skips to the next allowed weekday', () => {
    // Fri 6 Mar 2026 18:00 UTC → next Monday 09:00.
    expect(nextTimeOfDay(t('2026-03-06T18:00:00Z'), '09:00', 'UTC', ['mon'])).toBe(t('2026-03-09T09:00:00Z'));
  });
});

describe('send window', () => {
  it('is open from "from" inclusive to "to" exclusive on allowed days', () => {
    expect(inSendWindow(t('2026-03-02T09:00:00Z'), window, 'UTC')).toBe(true);
    expect(inSendWindow(t('2026-03-02T16:59:59Z'), window, 'UTC')).toBe(true);
    expect(inSendWindow(t('2026-03-02T17:00:00Z'), window, 'UTC')).toBe(false);
    expect(inSendWindow(t('2026-03-07T12:00:00Z'), window, 'UTC')).toBe(false); // Saturday
  });

  it("uses the local time of the flow's time zone", () => {
    // 08:30Z is 09:30 in Vienna in March (CET).
    expect(inSendWindow(t('2026-03-02T08:30:00Z'), window, 'Europe/Vienna')).toBe(true);
    expect(inSendWindow(t('2026-03-02T08:30:00Z'), window, 'America/New_York')).toBe(false);
  });

  it('opens next on Monday morning after a Friday evening', () => {
    expect(nextSendWindowOpening(t('2026-03-06T18:00:00Z'), window, 'UTC')).toBe(t('2026-03-09T09:00:00Z'));
  });
});

describe('offsetMinutes', () => {
  it('agrees with the zone database on both sides of a DST change', () => {
    expect(offsetMinutes(t('2026-03-29T00:59:59Z'), 'Europe/Vienna')).toBe(60);
    expect(offsetMinutes(t('2026-03-29T01:00:00Z'), 'Europe/Vienna')).toBe(120);
    // Lord Howe Island moves by half an hour, at 15:30Z in October and 15:00Z in April.
    expect(offsetMinutes(t('2026-10-03T15:29:00Z'), 'Australia/Lord_Howe')).toBe(630);
    expect(offsetMinutes(t('2026-10-03T15:31:00Z'), 'Australia/Lord_Howe')).toBe(660);
    expect(offsetMinutes(t('2026-04-04T14:59:00Z'), 'Australia/Lord_Howe')).toBe(660);
    expect(offsetMinutes(t('2026-04-04T15:01:00Z'), 'Australia/Lord_Howe')).toBe(630);
  });
});
