import { IANAZone } from 'luxon';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Minutes after midnight of an `HH:MM` time, or null when it is not one. */
export function parseTimeOfDay(text: string): number | null {
  const m = TIME_RE.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Epoch milliseconds of an ISO 8601 date-time with an offset or `Z`, or null. */
export function parseInstant(text: unknown): number | null {
  if (typeof text !== 'string' || !INSTANT_RE.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

// Asking Intl costs a formatter each time, and every flow, contact and scenario checked asks
// again. Only real zones are kept, by their lower-case name (Intl ignores case), so they stay a
// few hundred whatever the input; the bound is for safety all the same.
const knownZones = new Set<string>();

export function isTimezone(name: string): boolean {
  const key = name.toLowerCase();
  if (knownZones.has(key)) return true;
  const valid = IANAZone.isValidZone(name);
  if (valid) {
    if (knownZones.size >= 2_000) knownZones.clear();
    knownZones.add(key);
  }
  return valid;
}
