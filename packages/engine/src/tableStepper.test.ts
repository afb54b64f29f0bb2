import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Flow, Scenario, ScoringModel } from '@hourglass/documents';
import type { CompiledFlow } from '@hourglass/compiler';
import { simulate } from './simulate.ts';
import { forecastRange } from './forecast.ts';
import { defaultEngagementModel } from './defaultEngagementModel.ts';
import { xstateStepper, type FlowSnapshot, type Stepper } from './stepper.ts';
import { tableStepper } from './tableStepper.ts';
import { randomRun } from './randomFlows.ts';
import { caseNames, fixturesDir } from '../../../test/fixtures.ts';

const root = new URL('../../../', import.meta.url).pathname;
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** Every flow with its scenarios: the project's workflows and the conformance examples (the repository's copy). */
function casebook() {
  const cases: { name: string; flow: Flow; scoring?: ScoringModel; scenarios: Scenario[] }[] = [];
  const workflows = `${root}workflows/`;
  const scoring = ScoringModel.parse(readJson(`${workflows}scoring.json`));
  for (const file of readdirSync(workflows).filter((f) => f.endsWith('.flow.json'))) {
    const name = file.replace('.flow.json', '');
    const scenarios = readdirSync(workflows).filter((f) => f.startsWith(`${name}.`) && f.endsWith('.scenario.json'));
    cases.push({ name, flow: Flow.parse(readJson(workflows + file)), scoring, scenarios: scenarios.map((f) => Scenario.parse(readJson(workflows + f))) });
  }
  const examples = `${fixturesDir}/`;
  for (const dir of caseNames()) {
    const files = readdirSync(examples + dir);
    const scoringFile = files.find((f) => f.includes('scoring'));
    cases.push({
      name: dir,
      flow: Flow.parse(readJson(`${examples}${dir}/flow.json`)),
      ...(scoringFile ? { scoring: ScoringModel.parse(readJson(`${examples}${dir}/${scoringFile}`)) } : {}),
      scenarios: files.filter((f) => f.endsWith('.scenario.json')).map((f) => Scenario.parse(readJson(`${examples}${dir}/${f}`))),
    });
  }
  return cases;
}

/**
 * A stepper that runs XState and the table side by side and fails on the first transition where
 * they disagree in state, context, status, tags or actions.
 */
function lockstep(compiled: CompiledFlow): Stepper {
  const x = xstateStepper(compiled);
  const t = tableStepper(compiled);
  type Pair = FlowSnapshot & { x: FlowSnapshot; t: FlowSnapshot };
  const pair = (xs: FlowSnapshot, ts: FlowSnapshot): Pair => ({
    x: xs,
    t: ts,
    status: xs.status,
    value: xs.value,
    context: xs.context,
    hasTag: (tag) => xs.hasTag(tag),
  });
  const same = (xs: FlowSnapshot, ts: FlowSnapshot) => {
    expect({ status: ts.status, value: ts.value, context: ts.context }).toEqual({ status: xs.status, value: xs.value, context: xs.context });
    for (const tag of ['instant', 'listening']) expect(ts.hasTag(tag)).toBe(xs.hasTag(tag));
  };
  same(x.initial, t.initial);
  return {
    initial: pair(x.initial, t.initial),
    restore: (p) => pair(x.restore(p), t.restore(p)),
    transition: (snapshot, event) => {
      const { x: xs, t: ts } = snapshot as Pair;
      same(xs, ts);
      const [xn, xa] = x.transition(xs, event);
      const [tn, ta] = t.transition(ts, event);
      same(xn, tn);
      expect(ta).toEqual(xa);
      return [pair(xn, tn), xa];
    },
  };
}

describe('the table stepper', () => {
  const cases = casebook();

  it('takes the same transitions and returns the same actions as XState in every kept scenario', () => {
    let transitions = 0;
    for (const c of cases) {
      for (const scenario of c.scenarios) {
        const counting = (compiled: CompiledFlow): Stepper => {
          const inner = lockstep(compiled);
          return { ...inner, transition: (s, e) => (transitions++, inner.transition(s, e)) };
        };
        simulate({ flow: c.flow, scenario, ...(c.scoring ? { scoring: c.scoring } : {}), stepper: counting });
      }
    }
    expect(transitions).toBeGreaterThan(100);
  });

  it('gives the same traces, emails and handoffs as XState in every kept scenario', () => {
    for (const c of cases) {
      for (const scenario of c.scenarios) {
        const input = { flow: c.flow, scenario, ...(c.scoring ? { scoring: c.scoring } : {}) };
        expect(simulate({ ...input, stepper: 'table' }), `${c.name}: ${scenario.contact.id}`).toEqual(simulate(input));
      }
    }
  });

  it('gives the same forecast as XState for every flow', () => {
    for (const c of cases) {
      const options = { flow: c.flow, model: defaultEngagementModel, contacts: 150, seed: 7, ...(c.scoring ? { scoring: c.scoring } : {}) };
      expect(forecastRange({ ...options, stepper: 'table' }, 0, 150), c.name).toEqual(forecastRange({ ...options, stepper: 'xstate' }, 0, 150));
    }
  });

  it('matches XState transition by transition on random flows and timelines', () => {
    fc.assert(
      fc.property(randomRun, ({ flow, scenario }) => {
        fc.pre(flow !== null);
        simulate({ flow: flow!, scenario, stepper: lockstep });
      }),
      { numRuns: 200 },
    );
  });
});
