import { MACHINE_ID, type CompiledFlow, type FlowAction, type GuardRef, type StateConfig, type TransitionConfig } from '@hourglass/compiler';
import { flowImplementations, type MachineEvent } from './flowMachine.ts';
import type { FlowSnapshot, StepAction, Stepper } from './stepper.ts';
import type { PersistedSnapshot } from './records.ts';

/** A state of the compiled machine, resolved once: XState's id, its parent, entry and exit. */
interface TableState {
  id: string;
  key: string;
  parent: TableState | null;
  final: boolean;
  tags: ReadonlySet<string>;
  children: Map<string, TableState>;
  initial: TableState | null;
  entry: FlowAction[];
  /** The `after` delays raised on entry and cancelled on exit, in their order in the config. */
  after: { delay: string; event: string }[];
  on: Map<string, TableTransition[]>;
}

interface TableTransition {
  source: TableState;
  target: TableState;
  guard?: GuardRef;
  actions: FlowAction[];
}

/** A snapshot of the table stepper: the active states, innermost first, and the context. */
class TableSnapshot implements FlowSnapshot {
  readonly status: 'active' | 'done';
  readonly value: unknown;
  constructor(
    readonly active: readonly TableState[],
    readonly context: { since: number },
  ) {
    const top = active[active.length - 2]!; // the last entry is the root
    this.status = top.final ? 'done' : 'active';
    this.value = active.length > 2 ? { [top.key]: active[0]!.key } : top.key;
  }
  hasTag(tag: string): boolean {
    return this.active.some((s) => s.tags.has(tag));
  }
}

/**
 * The compiled machine as a table: the same states, guards, delays and actions as the XState
 * machine, walked by a small interpreter that knows only the shapes the compiler emits (top-level
 * node states, one level of child states, guarded transitions, `after` delays, root GOAL and
 * STOP). It returns what `xstateStepper` returns (the effect actions, and the timers of XState's
 * delayed raises and their cancels with XState's ids) at a fraction of the cost of XState's generic
 * microstep, which a 100,000-contact forecast needs. The engine's reference stays XState: tests
 * run both on every workflow and on random flows and require identical traces.
 */
export function tableStepper(compiled: CompiledFlow): Stepper {
  const { guards, delays } = flowImplementations(compiled);
  const guardOf = guards as unknown as Record<string, (args: { context: { since: number }; event: MachineEvent }, params: unknown) => boolean>;
  const root = build(compiled.machine, MACHINE_ID, null);
  const byId = new Map<string, TableState>();
  const index = (s: TableState) => {
    byId.set(s.id, s);
    s.children.forEach(index);
  };
  index(root);
  const resolveTarget = (from: TableState, target: string): TableState => {
    const found = target.startsWith('#') ? byId.get(target.slice(1)) : from.parent?.children.get(target);
    if (!found) throw new Error(`the compiled machine has no state ${target} (from ${from.id})`);
    return found;
  };
  const link = (s: TableState, config: StateConfig) => {
    const add = (type: string, list: TransitionConfig | TransitionConfig[]) => {
      const transitions = (Array.isArray(list) ? list : [list]).map((t) => ({
        source: s,
        target: resolveTarget(s, t.target!),
        ...(t.guard ? { guard: t.guard } : {}),
        actions: t.actions ?? [],
      }));
      s.on.set(type, [...(s.on.get(type) ?? []), ...transitions]);
    };
    for (const [type, list] of Object.entries(config.on ?? {})) add(type, list);
    for (const [delay, t] of Object.entries(config.after ?? {})) add(`xstate.after.${delay}.${s.id}`, t);
    for (const [key, child] of Object.entries(config.states ?? {})) link(s.children.get(key)!, child);
  };
  link(root, compiled.machine);

  /** The active states for a snapshot value, innermost first, the root last. */
  const activeOf = (value: unknown): TableState[] => {
    const [key, childKey] = typeof value === 'string' ? [value, undefined] : Object.entries(value as Record<string, string>)[0]!;
    const top = root.children.get(key);
    if (!top) throw new Error(`the compiled machine has no state ${key}`);
    const child = childKey === undefined ? undefined : top.children.get(childKey);
    return child ? [child, top, root] : [top, root];
  };

  const initial = new TableSnapshot(activeOf(compiled.machine.initial), compiled.machine.context);

  function transition(snapshot: FlowSnapshot, event: MachineEvent): [FlowSnapshot, StepAction[]] {
    const current = snapshot as TableSnapshot;
    if (current.status === 'done') return [current, []];
    const args = { context: current.context, event };
    let chosen: TableTransition | undefined;
    for (const state of current.active) {
      const candidates = state.on.get(event.type);
      if (!candidates) continue;
      chosen = candidates.find((t) => !t.guard || guardOf[t.guard.type]!(args, t.guard.params));
      if (chosen) break;
    }
    if (!chosen) return [current, []];

    const { source, target } = chosen;
    // XState's transition domain: the source itself when the target lies inside it, otherwise
    // the nearest proper ancestor of the source that contains the target.
    let domain: TableState = source;
    if (!isProperDescendant(target, source)) {
      domain = source.parent!;
      while (domain !== root && !isProperDescendant(target, domain)) domain = domain.parent!;
    }
    const actions: StepAction[] = [];
    let context = current.context;
    // Exit innermost first; entered states are listed outermost first.
    for (const state of current.active) {
      if (state === domain || !isProperDescendant(state, domain)) continue;
      for (const a of state.after) actions.push({ type: 'cancelTimer', params: { id: a.event } });
    }
    for (const a of chosen.actions) {
      if (a.type === 'markSince') context = { ...context, since: event.world.lastSeq() };
      else actions.push(a);
    }
    const entered: TableState[] = [];
    for (let s: TableState | null = target; s && s !== domain; s = s.parent) entered.unshift(s);
    for (let s = target.initial; s; s = s.initial) entered.push(s);
    for (const state of entered) {
      for (const a of state.entry) {
        if (a.type === 'markSince') context = { ...context, since: event.world.lastSeq() };
        else actions.push(a);
      }
      for (const a of state.after) {
        const delay = delays[a.delay]!({ event });
        actions.push({ type: 'setTimer', params: { id: a.event, event: a.event, delay } });
      }
    }
    const active = [...entered].reverse();
    for (const s of current.active) if (s === domain || isProperDescendant(domain, s)) active.push(s);
    return [new TableSnapshot(active, context), actions];
  }

  return {
    initial,
    restore: (persisted: PersistedSnapshot) => new TableSnapshot(activeOf(persisted.value), persisted.context),
    transition,
  };
}

function isProperDescendant(state: TableState, ancestor: TableState): boolean {
  for (let s = state.parent; s; s = s.parent) if (s === ancestor) return true;
  return false;
}

function build(config: StateConfig, id: string, parent: TableState | null, key = id): TableState {
  const state: TableState = {
    id,
    key,
    parent,
    final: config.type === 'final',
    tags: new Set(config.tags ?? []),
    children: new Map(),
    initial: null,
    entry: config.entry ?? [],
    after: Object.keys(config.after ?? {}).map((delay) => ({ delay, event: `xstate.after.${delay}.${id}` })),
    on: new Map(),
  };
  for (const [childKey, child] of Object.entries(config.states ?? {})) state.children.set(childKey, build(child, `${id}.${childKey}`, state, childKey));
  if (config.initial) state.initial = state.children.get(config.initial) ?? null;
  return state;
}
