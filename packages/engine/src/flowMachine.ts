import { assign, createActor, setup, type AnyEventObject } from 'xstate';
import { durationMs, parseInstant, type Condition, type SendWindow } from '@hourglass/documents';
import type { CompiledFlow, DelaySpec } from '@hourglass/compiler';
import { splitPosition } from './fnv.ts';
import { inSendWindow, nextSendWindowOpening, nextTimeOfDay } from './localTime.ts';

/** What the guards and delays of a compiled machine may ask about the contact being moved. */
export interface World {
  contactId: string;
  /** The sequence number of the contact's latest recorded event (0 when none). */
  lastSeq(): number;
  holds(condition: Condition, sinceSeq?: number): boolean;
  property(name: string): unknown;
}

/**
 * Every event the engine sends carries the instant it happens at and the contact's world, so
 * guards and delays stay pure functions of (context, event).
 */
export interface MachineEvent {
  type: string;
  at: number;
  world: World;
  /** Nodes this enrolment was on earlier at this instant (a loop coming round again). */
  entered: ReadonlySet<string>;
  trigger?: string;
  /** The node a MIGRATE event moves the contact onto (a migration to another version). */
  target?: string;
}

/**
 * The instant a delay of the compiled flow ends, for a contact entering its state at `at`.
 * `again` is true when a loop brings the contact back to this wait at the instant it already
 * passed it: an `until.time` wait then waits for its next occurrence, so "every day at 09:00"
 * loops move on by a day instead of spinning at one instant.
 */
export function delayEnd(spec: DelaySpec, at: number, world: World, again = false): number {
  switch (spec.type) {
    case 'timeout':
      return at + durationMs(spec.params.duration);
    case 'sendWindow':
      return nextSendWindowOpening(at, spec.params.window, spec.params.timezone);
    case 'wait': {
      const w = spec.params.wait;
      if ('for' in w) return at + durationMs(w.for);
      const u = w.until;
      if ('time' in u) return nextTimeOfDay(again ? at + 1 : at, u.time, spec.params.timezone, u.days);
      if ('at' in u) return Math.max(at, parseInstant(u.at)!);
      const base = parseInstant(world.property(u.property));
      return base === null ? at : Math.max(at, base + (u.offset ? durationMs(u.offset) : 0));
    }
  }
}

/**
 * The guards and delays a compiled flow references by name. XState's machine and the forecast's
 * step table (`tableStepper`) both call these, so the two can only differ in how they walk the
 * states, which the equivalence tests check.
 */
export function flowImplementations(compiled: CompiledFlow) {
  const delays: Record<string, (args: { event: MachineEvent }) => number> = {};
  for (const [name, spec] of Object.entries(compiled.delays)) {
    const again = (event: MachineEvent) => spec.type === 'wait' && event.entered.has(spec.params.node);
    delays[name] = ({ event }) => Math.max(0, delayEnd(spec, event.at, event.world, again(event)) - event.at);
  }
  const guards = {
    isTrigger: ({ event }: { event: MachineEvent }, params: { node: string }) => event.trigger === params.node,
    isTarget: ({ event }: { event: MachineEvent }, params: { node: string }) => event.target === params.node,
    condition: ({ event, context }: { event: MachineEvent; context: { since: number } }, params: { if: Condition; sinceEntry?: boolean }) =>
      event.world.holds(params.if, params.sinceEntry ? context.since : undefined),
    splitBelow: ({ event }: { event: MachineEvent }, params: { node: string; threshold: number }) =>
      splitPosition(event.world.contactId, params.node) < params.threshold,
    inSendWindow: ({ event }: { event: MachineEvent }, params: { window: SendWindow; timezone: string }) =>
      inSendWindow(event.at, params.window, params.timezone),
  };
  return { guards, delays };
}

/**
 * Gives a compiled flow its implementations: the guards and delays are computed here, while the
 * effectful actions (`enter`, `leave`, `sendEmail`, `update`, `handoff`) are empty because the
 * engine carries out the actions that XState's pure `transition` returns (as `StepAction`s, see
 * `xstateStepper`).
 */
export function createFlowMachine(compiled: CompiledFlow) {
  const { guards, delays } = flowImplementations(compiled);
  const none = () => {};
  return setup({
    types: {} as { context: { since: number }; events: MachineEvent },
    guards,
    actions: {
      enter: none,
      leave: none,
      sendEmail: none,
      update: none,
      handoff: none,
      // Events recorded after this sequence number count for the waitFor (spec §4.5).
      markSince: assign({ since: ({ event }) => event.world.lastSeq() }),
    },
    delays: delays as never,
  }).createMachine(compiled.machine as never);
}

export type FlowMachine = ReturnType<typeof createFlowMachine>;

type Snapshot = ReturnType<FlowMachine['resolveState']>;
/** An executable action as XState returns it: its name and resolved params. */
export interface ReturnedAction {
  type: string;
  params?: unknown;
}

/**
 * XState's pure transition for one compiled machine: `(snapshot, event) → [next, actions]`,
 * the same as `transition()` from xstate. That function builds a fresh inert actor scope (an
 * Actor and its system) on every call, which costs more than the transition itself; compiled
 * flows have no child actors, so one scope per machine is reused. This leans on XState's private
 * actor scope, so a property test holds it to the public `transition()` on random flows and
 * inputs (flowMachine.test.ts); the public function would halve the engine's steps per second.
 */
export function pureTransition(machine: FlowMachine) {
  const self = createActor(machine);
  let sink: ReturnedAction[] = [];
  const scope = {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: self.system,
    emit: () => {},
    actionExecutor: (action: ReturnedAction) => {
      sink.push(action);
    },
  };
  return (snapshot: Snapshot, event: MachineEvent): [Snapshot, ReturnedAction[]] => {
    sink = [];
    const next = machine.transition(snapshot, event as unknown as AnyEventObject as never, scope as never);
    return [next as Snapshot, sink];
  };
}
