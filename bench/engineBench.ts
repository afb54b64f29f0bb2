// engine.xstateBarePerSec and engine.stepsPerSec: XState's bare pure transition against the
// engine's full steps (conditions, scoring, Liquid, store) on the compiled whitepaper flow.
import { initialTransition, transition } from 'xstate';
import { readFlow, readScoring, type Flow, type ScoringModel } from '@hourglass/documents';
import { compileFlow } from '@hourglass/compiler';
import { createFlowMachine, Engine, MemoryStore, type MachineEvent } from '@hourglass/engine';
import { rate, type BenchContext, type Results } from './harness.ts';
import { readFixture } from '../test/fixtures.ts';

export function whitepaper(): { flow: Flow; scoring: ScoringModel } {
  const flow = readFlow(readFixture('whitepaper-nurture', 'flow.json'));
  const scoring = readScoring(readFixture('whitepaper-nurture', 'scoring.json'));
  if (!flow.ok || !scoring.ok) throw new Error('the whitepaper example does not validate');
  return { flow: flow.value, scoring: scoring.value };
}

export function engineBench(ctx: BenchContext): Results {
  const { flow, scoring } = whitepaper();
  const ms = ctx.quick ? 750 : 5000;
  const machine = createFlowMachine(compileFlow(flow));
  // The same path the engine takes for a contact who clicks: enrol, steps, INPUT, steps.
  const world = { contactId: 'c', lastSeq: () => 1, holds: () => true, property: () => undefined };
  const entered = new Set<string>();
  const ev = (type: string, extra = {}) => ({ type, at: 0, world, entered, ...extra }) as MachineEvent as never;
  ctx.log('engine: bare XState transitions');
  const bare = rate(ms, () => {
    let [s] = initialTransition(machine);
    let n = 0;
    [s] = transition(machine, s, ev('ENROL', { trigger: 'start' }));
    n++;
    while (s.hasTag('instant')) {
      [s] = transition(machine, s, ev('STEP'));
      n++;
    }
    [s] = transition(machine, s, ev('INPUT'));
    n++;
    while (s.hasTag('instant')) {
      [s] = transition(machine, s, ev('STEP'));
      n++;
    }
    return n;
  });

  ctx.log('engine: full steps');
  const t0 = Date.parse('2026-03-02T08:00:00Z');
  let store = new MemoryStore();
  let engine = new Engine({ store, scoring });
  engine.addFlow(flow, 1);
  let i = 0;
  const steps = rate(ms, () => {
    if (++i % 20_000 === 0) {
      // A fresh store now and then, so the rate is not a measure of a growing heap.
      store = new MemoryStore();
      engine = new Engine({ store, scoring });
      engine.addFlow(flow, 1);
    }
    const id = `c${i}`;
    engine.putContact({
      id,
      email: `${id}@example.com`,
      stage: 'lead',
      owner: null,
      properties: { firstName: 'Ann', employees: 120, industry: 'software', country: 'AT' },
      adjustments: 0,
    });
    engine.ingest({ contactId: id, at: t0, type: 'form_submitted', data: { form: 'whitepaper' } });
    engine.ingest({ contactId: id, at: t0 + 3_600_000, type: 'email_clicked', data: { email: 'welcome' } });
    const [e] = store.enrolmentsOf(flow.id, id);
    return store.stepsOf(e!.id).length + 1; // steps entered, plus the INPUT that moved the waitFor
  });
  return {
    'engine.xstateBarePerSec': { value: bare, unit: 'transitions/s' },
    'engine.stepsPerSec': { value: steps, unit: 'steps/s', baseline: bare, ratio: steps / bare },
  };
}
