import { DateTime } from 'luxon';
import { WEEKDAYS, parseTimeOfDay, type SendWindow, type Weekday } from '@hourglass/documents';

const weekdayOf = (dt: DateTime): Weekday => WEEKDAYS[dt.weekday - 1]!;

/**
 * The earliest instant at or after `from` whose local time in `timezone` is `time` (HH:MM:00) on
 * one of `days` (all days when absent). A local time skipped by a DST change resolves to the
 * same wall time one hour later; a repeated one resolves to its first occurrence.
 */
export function nextTimeOfDay(from: number, time: string, timezone: string, days?: readonly Weekday[]): number {
  const minutes = parseTimeOfDay(time)!;
  const start = DateTime.fromMillis(from, { zone: timezone }).startOf('day');
  for (let d = 0; d <= 8; d++) {
    const day = start.plus({ days: d });
    const candidate = DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
      { zone: timezone },
    );
    if (candidate.toMillis() >= from && (!days || days.includes(weekdayOf(candidate)))) return candidate.toMillis();
  }
  throw new Error(`No ${time} on ${days?.join(',')} within a week of ${new Date(from).toISOString()}`);
}

/** Whether sending is allowed at `at`: on an allowed day, from `from` inclusive to `to` exclusive. */
export function inSendWindow(at: number, window: SendWindow, timezone: string): boolean {
  const local = DateTime.fromMillis(at, { zone: timezone });
  if (!window.days.includes(weekdayOf(local))) return false;
  const minutes = local.hour * 60 + local.minute + local.second / 60 + local.millisecond / 60_000;
  return minutes >= parseTimeOfDay(window.from)! && minutes < parseTimeOfDay(window.to)!;
}

/** The instant the send window is next open at or after `at` (`at` itself when open). */
export function nextSendWindowOpening(at: number, window: SendWindow, timezone: string): number {
  if (inSendWindow(at, window, timezone)) return at;
  return nextTimeOfDay(at, window.from, timezone, window.days);
}

/** Formats an instant in a time zone for people: "Mon 2 Mar 2026, 09:00 CET". */
export function formatLocal(at: number, timezone: string): string {
  return DateTime.fromMillis(at, { zone: timezone }).toFormat('ccc d LLL yyyy, HH:mm ZZZZ');
}
