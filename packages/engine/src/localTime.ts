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

const QUARTER_HOUR = 900_000;
const offsets = new Map<string, number>();

/**
 * The zone's UTC offset in minutes at `at`. Asking Intl for an offset is slow, and offsets only
 * change on quarter-hour boundaries in any zone today, so offsets are cached per quarter hour
 * whenever the start and the end of that quarter hour agree.
 */
export function offsetMinutes(at: number, timezone: string): number {
  const bucket = Math.floor(at / QUARTER_HOUR);
  const key = `${timezone}|${bucket}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const start = DateTime.fromMillis(bucket * QUARTER_HOUR, { zone: timezone }).offset;
  const end = DateTime.fromMillis((bucket + 1) * QUARTER_HOUR - 1, { zone: timezone }).offset;
  if (start !== end) return DateTime.fromMillis(at, { zone: timezone }).offset;
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(key, start);
  return start;
}

/** Whether sending is allowed at `at`: on an allowed day, from `from` inclusive to `to` exclusive. */
export function inSendWindow(at: number, window: SendWindow, timezone: string): boolean {
  // The local wall clock as a UTC date: its UTC fields are the local fields.
  const local = new Date(at + offsetMinutes(at, timezone) * 60_000);
  if (!window.days.includes(WEEKDAYS[(local.getUTCDay() + 6) % 7]!)) return false;
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60 + local.getUTCMilliseconds() / 60_000;
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
