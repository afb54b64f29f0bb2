import type { DelaySpec } from '@hourglass/compiler';
import type { FlowRuntime } from './flowRuntime.ts';
import type { TimerRecord } from './records.ts';
import type { Store } from './store.ts';

// What a migration keeps of a contact's wait (docs/semantics.md, "Migrations").

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

/** The delays a node's state sets, by name (`wait:X`, `timeout:X`, `sendWindow:X`). */
const delaysOf = (runtime: FlowRuntime, node: string) => Object.entries(runtime.compiled.delays).filter(([name]) => name.slice(name.indexOf(':') + 1) === node);

const unchanged = new WeakMap<FlowRuntime, Map<string, boolean>>();

/**
 * Whether a contact waiting on `node` of `from` stays in it exactly as it is when moved onto the
 * same node of `to`: same id and type, the same delays (so the same deadlines), and for a waitFor
 * the same condition (so checking it again could not change anything an input would not). Then
 * its start, deadlines and events since entry are kept as they are, and nothing is entered again.
 */
export function keepsWait(from: FlowRuntime, to: FlowRuntime, node: string, target: string): boolean {
  if (node !== target) return false;
  let known = unchanged.get(from);
  if (!known) unchanged.set(from, (known = new Map()));
  const key = `${to.version}:${node}`;
  let same = known.get(key);
  if (same === undefined) {
    const a = from.flow.nodes.find((n) => n.id === node);
    const b = to.flow.nodes.find((n) => n.id === node);
    same = !!a && !!b && a.type === b.type && (a.type !== 'waitFor' || sameJson(a.config, b.config)) && sameJson(delaysOf(from, node), delaysOf(to, node));
    known.set(key, same);
  }
  return same;
}

/** When the enrolment last entered `node` (its latest step there): one query when the store has it, else through its steps. */
export function latestStepAt(store: Store, enrolmentId: string, node: string): number | undefined {
  return store.lastStepAt ? store.lastStepAt(enrolmentId, node) : store.stepsOf(enrolmentId).findLast((s) => s.node === node)?.at;
}
