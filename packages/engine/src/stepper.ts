import { initialTransition } from 'xstate';
import type { CompiledFlow } from '@hourglass/compiler';
import { createFlowMachine, pureTransition, type MachineEvent, type ReturnedAction } from './flowMachine.ts';
import type { PersistedSnapshot } from './records.ts';

/** What the engine reads of a compiled machine's snapshot. XState's snapshots have this shape. */
export interface FlowSnapshot {
  status: string;
  value: unknown;
  context: { since: number };
  hasTag(tag: string): boolean;
}

/**
 * Advances one enrolment of a compiled flow: `(snapshot, event) → [next, actions]`, pure. The
 * engine carries out the returned actions and keeps the persisted form of the snapshot.
 */
export interface Stepper {
  readonly initial: FlowSnapshot;
  restore(persisted: PersistedSnapshot): FlowSnapshot;
  transition(snapshot: FlowSnapshot, event: MachineEvent): [FlowSnapshot, ReturnedAction[]];
}

/** The engine's stepper: XState's pure `transition` on the compiled machine (the reference). */
export function xstateStepper(compiled: CompiledFlow): Stepper {
  const machine = createFlowMachine(compiled);
  const transition = pureTransition(machine);
  return {
    initial: initialTransition(machine)[0],
    restore: (persisted) => machine.resolveState({ value: persisted.value as never, context: persisted.context }),
    transition: transition as unknown as Stepper['transition'],
  };
}
