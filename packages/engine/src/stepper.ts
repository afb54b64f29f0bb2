import { initialTransition } from 'xstate';
import type { CompiledFlow, FlowAction } from '@hourglass/compiler';
import { createFlowMachine, pureTransition, type MachineEvent, type ReturnedAction } from './flowMachine.ts';
import type { PersistedSnapshot } from './records.ts';

/** What the engine reads of a compiled machine's snapshot. XState's snapshots have this shape. */
export interface FlowSnapshot {
  status: string;
  value: unknown;
  context: { since: number };
  hasTag(tag: string): boolean;
}

/** The flow node a snapshot is on (its top-level state), or null before entry and after the end. */
export function topNode(value: unknown): string | null {
  const top = typeof value === 'string' ? value : Object.keys(value as object)[0]!;
  return top.startsWith('@') ? null : top;
}

/** A wait begins: the engine stores a timer that sends `event` after `delay` ms, replacing one with the same id. */
export interface SetTimer {
  type: 'setTimer';
  params: { id: string; event: string; delay: number };
}
/** A wait ends before its timer: the engine drops the timer with this id. */
export interface CancelTimer {
  type: 'cancelTimer';
  params: { id: string };
}

/**
 * What a step asks the engine to carry out, in order: the compiled flow's actions (`markSince`
 * stays inside the stepper, which keeps the context) and timers. The engine knows nothing of
 * XState's own action names.
 */
export type StepAction = Exclude<FlowAction, { type: 'markSince' }> | SetTimer | CancelTimer;

/**
 * Advances one enrolment of a compiled flow: `(snapshot, event) → [next, actions]`, pure. The
 * engine carries out the returned actions and keeps the persisted form of the snapshot.
 */
export interface Stepper {
  readonly initial: FlowSnapshot;
  restore(persisted: PersistedSnapshot): FlowSnapshot;
  transition(snapshot: FlowSnapshot, event: MachineEvent): [FlowSnapshot, StepAction[]];
}

/**
 * The engine's actions for what XState's transition returned: a delayed raise (an `after`
 * transition) becomes `setTimer`, its cancel `cancelTimer`, the compiled flow's named actions
 * pass as they are, and XState's own bookkeeping (`xstate.assign` and the like) is dropped.
 */
export function stepActions(returned: readonly ReturnedAction[]): StepAction[] {
  const actions: StepAction[] = [];
  for (const a of returned) {
    switch (a.type) {
      case 'xstate.raise': {
        const { delay, id, event } = a.params as { delay?: number; id: string; event: { type: string } };
        if (typeof delay === 'number') actions.push({ type: 'setTimer', params: { id, event: event.type, delay } });
        break;
      }
      case 'xstate.cancel':
        actions.push({ type: 'cancelTimer', params: { id: (a.params as { sendId: string }).sendId } });
        break;
      case 'enter':
      case 'leave':
      case 'sendEmail':
      case 'update':
      case 'handoff':
        actions.push({ type: a.type, params: a.params } as StepAction);
        break;
      default:
        break;
    }
  }
  return actions;
}

/** The engine's stepper: XState's pure `transition` on the compiled machine (the reference). */
export function xstateStepper(compiled: CompiledFlow): Stepper {
  const machine = createFlowMachine(compiled);
  const transition = pureTransition(machine);
  return {
    initial: initialTransition(machine)[0],
    restore: (persisted) => machine.resolveState({ value: persisted.value as never, context: persisted.context }),
    transition: (snapshot, event) => {
      const [next, returned] = transition(snapshot as Parameters<typeof transition>[0], event);
      return [next, stepActions(returned)];
    },
  };
}
