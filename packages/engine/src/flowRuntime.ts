import type { Flow } from '@hourglass/documents';
import { compileFlow, type CompiledFlow } from '@hourglass/compiler';
import { xstateStepper, type Stepper } from './stepper.ts';
import { tableStepper } from './tableStepper.ts';

/** A flow version the engine can run: the flow, its compiled machine and how to step it. */
export interface FlowRuntime {
  flow: Flow;
  version: number;
  compiled: CompiledFlow;
  stepper: Stepper;
}

/**
 * How the engine steps enrolments: `xstate`, XState's pure `transition` (the reference, used by
 * the simulator and the server), or `table`, the same compiled machine walked as a table (the
 * forecast's hundred thousand contacts; tests hold both to identical traces).
 */
export type StepperKind = 'xstate' | 'table';

// Compiling is pure, so a flow document compiles once however many engines run it (a forecast
// makes one engine per range of contacts, in every worker).
const compiledFlows = new WeakMap<Flow, { compiled: CompiledFlow } & Partial<Record<StepperKind, Stepper>>>();

/** A flow version compiled with its stepper: shared by kind, or a stepper of the caller's own. */
export function flowRuntime(flow: Flow, version: number, kind: StepperKind | ((compiled: CompiledFlow) => Stepper)): FlowRuntime {
  if (typeof kind === 'function') {
    const compiled = compileFlow(flow);
    return { flow, version, compiled, stepper: kind(compiled) };
  }
  let found = compiledFlows.get(flow);
  if (!found) compiledFlows.set(flow, (found = { compiled: compileFlow(flow) }));
  const stepper = (found[kind] ??= kind === 'table' ? tableStepper(found.compiled) : xstateStepper(found.compiled));
  return { flow, version, compiled: found.compiled, stepper };
}
