import type { DelaySpec } from '@hourglass/compiler';
import type { TimerRecord } from './records.ts';

/** Whether two JSON values are equal, whatever the order of their keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The delay a timer of the compiled machine waits for: XState names it `xstate.after.<delay>.<state id>`. */
const delayOf = (timerId: string): string | undefined => /^xstate\.after\.([^.]+)\./.exec(timerId)?.[1];

/**
 * The timers of an enrolment just moved to another version (`set`, computed from the instant it
 * entered its wait), with each timer whose wait is configured exactly as before put back as it
 * was (`before`): same id, same delay, so its deadline and its place among timers due at the same
 * instant do not move. A deadline computed again could differ from the one set at entry (a
 * property read again, a loop's "next occurrence"), and a migration to an identical version must
 * change nothing.
 */
export function keptTimers(
  set: readonly TimerRecord[],
  before: readonly TimerRecord[],
  fromDelays: Readonly<Record<string, DelaySpec>>,
  toDelays: Readonly<Record<string, DelaySpec>>,
): readonly TimerRecord[] {
  return set.map((t) => {
    const old = before.find((o) => o.id === t.id);
    const delay = delayOf(t.id);
    return old && delay !== undefined && sameJson(fromDelays[delay], toDelays[delay]) ? old : t;
  });
}
