import { DateTime } from 'luxon';

const INPUT_FORMAT = "yyyy-LL-dd'T'HH:mm";

/**
 * An instant as the value of a date-time picker (`<input type="datetime-local">`) showing the
 * wall-clock time in `timezone`, the flow's: "2026-03-02T09:00" for 08:00 UTC in Vienna. Empty
 * for text that is not an instant.
 */
export function instantToLocalInput(iso: string, timezone: string): string {
  const dt = DateTime.fromISO(iso.trim(), { setZone: true });
  return dt.isValid ? dt.setZone(timezone).toFormat(INPUT_FORMAT) : '';
}

/**
 * The instant a picker's wall-clock time in `timezone` stands for, in UTC ("2026-03-02T08:00:00Z"),
 * or null when the picker is empty or half filled. A time skipped by a change to summer time
 * becomes the same time an hour later, as the engine reads local times (docs/semantics.md).
 */
export function localInputToInstant(local: string, timezone: string): string | null {
  const dt = DateTime.fromFormat(local, INPUT_FORMAT, { zone: timezone });
  return dt.isValid ? dt.toUTC().toISO({ suppressMilliseconds: true }) : null;
}

/** Whether a scenario's "at" is an instant rather than a duration after the start. */
export function isInstantText(at: string): boolean {
  return DateTime.fromISO(at.trim(), { setZone: true }).isValid && !at.trim().startsWith('P') && !at.trim().startsWith('-P');
}
