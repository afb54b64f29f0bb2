import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { initialTransition, transition } from 'xstate';
import { readFlow } from '@hourglass/documents';
import { compileFlow, type CompiledFlow } from '@hourglass/compiler';
import { createFlowMachine, delayEnd, pureTransition, type FlowMachine, type MachineEvent } from './flowMachine.ts';
import { simulate } from './simulate.ts';
import { stepActions, type FlowSnapshot, type Stepper } from './stepper.ts';
import { randomRun } from './randomFlows.ts';
import { fixturePath } from '../../../test/fixtures.ts';

const flow = (() => {
  const r = readFlow(JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'flow.json'), 'utf8')));
  if (!r.ok) throw new Error('invalid example');
  return r.value;
})();

describe('pureTransition', () => {
  it("gives the same snapshots and actions as xstate's transition()", () => {
    const machine = createFlowMachine(compileFlow(flow));
    const fast = pureTransition(machine);
    const world = { contactId: 'c', lastSeq: () => 3, holds: () => false, property: () => undefined };
    const ev = (type: string, extra = {}): MachineEvent => ({ type, at: 1000, world, entered: new Set(), ...extra });
    let [a] = initialTransition(machine);
    let b = a;
    for (const e of [ev('ENROL', { trigger: 'start' }), ev('STEP'), ev('STEP'), ev('STEP'), ev('INPUT')]) {
      const [na, actionsA] = transition(machine, a, e as never);
      const [nb, actionsB] = fast(b as never, e);
      expect(nb.value).toEqual(na.value);
      expect(nb.context).toEqual(na.context);
      expect(actionsB.map((x) => [x.type, x.params])).toEqual(actionsA.map((x) => [x.type, x.params]));
      a = na;
      b = nb as never;
    }
    expect(b.value).toEqual({ engaged: 'waiting' });
  });

  it("gives the same snapshots and actions as xstate's transition() on random flows and timelines", () => {
    let transitions = 0;
    /** Steps with `pureTransition` and fails on the first transition where xstate's `transition()` disagrees. */
    const lockstep = (compiled: CompiledFlow): Stepper => {
      const machine = createFlowMachine(compiled);
      const fast = pureTransition(machine);
      type Snapshot = ReturnType<FlowMachine['resolveState']>;
      type Pair = FlowSnapshot & { reference: Snapshot; fast: Snapshot };
      const pair = (reference: Snapshot, ours: Snapshot): Pair => ({
        reference,
        fast: ours,
        status: ours.status,
        value: ours.value,
        context: ours.context,
        hasTag: (tag) => ours.hasTag(tag),
      });
      const [initial] = initialTransition(machine);
      return {
        initial: pair(initial, initial),
        restore: (p) => {
          const restored = machine.resolveState({ value: p.value as never, context: p.context });
          return pair(restored, restored);
        },
        transition: (snapshot, event) => {
          const { reference, fast: ours } = snapshot as Pair;
          const [expected, expectedActions] = transition(machine, reference, event as never);
          const [next, actions] = fast(ours, event);
          transitions++;
          expect({ value: next.value, context: next.context, status: next.status, tags: [...next.tags].sort() }).toEqual({
            value: expected.value,
            context: expected.context,
            status: expected.status,
            tags: [...expected.tags].sort(),
          });
          expect(actions.map((a) => [a.type, a.params])).toEqual(expectedActions.map((a) => [a.type, a.params]));
          return [pair(expected, next), stepActions(actions)];
        },
      };
    };
    fc.assert(
      fc.property(randomRun, ({ flow, scenario }) => {
        fc.pre(flow !== null);
        simulate({ flow: flow!, scenario, stepper: lockstep });
      }),
      { numRuns: 150 },
    );
    expect(transitions).toBeGreaterThan(150);
  });
});

describe('stepActions', () => {
  it("turns a delayed raise into setTimer and its cancel into cancelTimer, and drops XState's own actions", () => {
    const returned = [
      { type: 'xstate.assign', params: undefined },
      { type: 'enter', params: { node: 'w', nodeType: 'wait' } },
      { type: 'xstate.raise', params: { delay: 5000, id: 'xstate.after.wait:w.flow.w', event: { type: 'xstate.after.wait:w.flow.w' } } },
      { type: 'xstate.raise', params: { id: 'now', event: { type: 'now' } } },
      { type: 'xstate.cancel', params: { sendId: 'xstate.after.wait:w.flow.w' } },
    ];
    expect(stepActions(returned)).toEqual([
      { type: 'enter', params: { node: 'w', nodeType: 'wait' } },
      { type: 'setTimer', params: { id: 'xstate.after.wait:w.flow.w', event: 'xstate.after.wait:w.flow.w', delay: 5000 } },
      { type: 'cancelTimer', params: { id: 'xstate.after.wait:w.flow.w' } },
    ]);
  });
});

describe('delayEnd', () => {
  const world = { contactId: 'c', lastSeq: () => 0, holds: () => false, property: (n: string) => (n === 'renewal' ? '2026-05-01T00:00:00Z' : undefined) };
  it('computes each kind of delay from the instant of entry', () => {
    const at = Date.parse('2026-03-02T08:00:00Z');
    expect(delayEnd({ type: 'timeout', params: { duration: 'PT3H' } }, at, world)).toBe(at + 3 * 3_600_000);
    expect(delayEnd({ type: 'wait', params: { node: 'w', wait: { until: { property: 'renewal', offset: '-P1D' } }, timezone: 'UTC' } }, at, world)).toBe(
      Date.parse('2026-04-30T00:00:00Z'),
    );
    expect(delayEnd({ type: 'sendWindow', params: { window: { days: ['mon'], from: '09:00', to: '10:00' }, timezone: 'UTC' } }, at, world)).toBe(
      Date.parse('2026-03-02T09:00:00Z'),
    );
  });
});
