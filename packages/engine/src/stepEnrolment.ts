import { assertNever } from '@hourglass/documents';
import { carryOut, type EffectContext } from './effects.ts';
import type { MachineEvent } from './flowMachine.ts';
import type { FlowRuntime } from './flowRuntime.ts';
import type { Pass } from './pass.ts';
import type { EnrolmentRecord, StepRecord } from './records.ts';
import { topNode, type FlowSnapshot } from './stepper.ts';

/** What a step may say besides its event type: which trigger enrols, which node a migration enters and from where. */
export interface StepOptions {
  trigger?: string;
  target?: string;
  /** The instant the event happens at, when not the pass's: a wait moved by a migration goes on from its entry. */
  at?: number;
  migratedFrom?: StepRecord['migratedFrom'];
}
const NO_OPTIONS: StepOptions = {};

/** One XState transition of an enrolment, then the actions it returned, carried out in order: steps, effects, timers. */
export function stepEnrolment(
  effects: EffectContext,
  runtime: FlowRuntime,
  e: EnrolmentRecord,
  pass: Pass,
  snapshot: FlowSnapshot,
  type: string,
  options: StepOptions = NO_OPTIONS,
): FlowSnapshot {
  let entered = pass.entered.get(e.id);
  if (!entered) pass.entered.set(e.id, (entered = new Set()));
  // The node the contact is on now counts as passed at this instant (a timer leaving a wait).
  const on = topNode(snapshot.value);
  if (on) entered.add(on);
  const { trigger, target, migratedFrom } = options;
  const at = options.at ?? pass.at;
  const event: MachineEvent = { type, at, world: pass, entered, trigger, target };
  const [next, actions] = runtime.stepper.transition(snapshot, event);
  for (const action of actions) {
    switch (action.type) {
      case 'enter': {
        const { node, nodeType } = action.params;
        let steps = pass.steps.get(e.id);
        if (!steps) pass.steps.set(e.id, (steps = []));
        const step: StepRecord = { enrolmentId: e.id, at: pass.at, node, type: nodeType };
        steps.push(migratedFrom && node === target ? { ...step, migratedFrom } : step);
        entered.add(node);
        break;
      }
      case 'leave': {
        const { node, port } = action.params;
        const open = pass.steps.get(e.id)?.findLast((s) => s.node === node);
        if (open) open.port = port;
        else effects.store.setStepPort(e.id, node, port);
        break;
      }
      case 'sendEmail':
      case 'update':
      case 'handoff':
        carryOut(effects, e, pass, action, runtime.flow);
        break;
      case 'setTimer':
        // A new array, never a change in place: stores compare timer lists by identity (see Store).
        e.timers = [
          ...e.timers.filter((t) => t.id !== action.params.id),
          { id: action.params.id, enrolmentId: e.id, event: action.params.event, wakeAt: at + action.params.delay },
        ];
        break;
      case 'cancelTimer':
        e.timers = e.timers.filter((t) => t.id !== action.params.id);
        break;
      default:
        assertNever(action, 'step action');
    }
  }
  return next;
}
