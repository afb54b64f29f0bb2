// Builders for engine tests: small flows and scenarios written inline, parsed through the real
// schemas so a test can never run a document the product would refuse.
import { Flow, Scenario, ScoringModel, validateFlow, type Condition } from '@hourglass/documents';
import { simulate } from './simulate.ts';

type NodeSpec = { id: string; type: string; config?: unknown; label?: string };
type EdgeSpec = [from: string, to: string, port?: string];

export function flowOf(nodes: NodeSpec[], edges: EdgeSpec[], settings: Record<string, unknown> = {}): Flow {
  const doc = {
    format: 'hourglass.flow/1',
    id: 'test-flow',
    name: 'Test flow',
    settings,
    nodes: nodes.map((n) => ({ ...n, config: n.config ?? {} })),
    edges: edges.map(([from, to, port]) => ({ from, to, ...(port ? { port } : {}) })),
  };
  const v = validateFlow(doc);
  const errors = v.problems.filter((p) => p.severity === 'error');
  if (!v.flow || errors.length) throw new Error(`invalid test flow: ${errors.map((p) => `${p.pointer} ${p.message}`).join('; ')}`);
  return v.flow;
}

export function scenarioOf(s: Record<string, unknown>): Scenario {
  return Scenario.parse({
    format: 'hourglass.scenario/1',
    start: '2026-03-02T08:00:00Z',
    horizon: 'P30D',
    contact: { id: 'c-1', email: 'c1@example.com' },
    ...s,
  });
}

export function scoringOf(s: Record<string, unknown>): ScoringModel {
  return ScoringModel.parse({ format: 'hourglass.scoring/1', ...s });
}

export function run(flow: Flow, scenario: Record<string, unknown>, scoring?: Record<string, unknown>) {
  return simulate({ flow, scenario: scenarioOf(scenario), scoring: scoring ? scoringOf(scoring) : undefined });
}

/** The nodes a trace's enrolment entered, with ports, as "node" or "node:port". */
export function path(sim: ReturnType<typeof simulate>, enrolment = 0): string[] {
  return (sim.trace.enrolments[enrolment]?.steps ?? []).map((s) => (s.port ? `${s.node}:${s.port}` : s.node));
}

export const onEvent = (event: string, where?: Record<string, unknown>) => ({ on: 'event', event, ...(where ? { where } : {}) });
export const cond = (c: Condition) => ({ if: c });
