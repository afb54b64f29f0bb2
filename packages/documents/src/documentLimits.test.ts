import { describe, expect, it } from 'vitest';
import { FLOW_FORMAT } from './flow.ts';
import { MAX_CONDITION_DEPTH, MAX_DOCUMENT_DEPTH, MAX_FLOW_NODES } from './documentLimits.ts';
import { readScenario, readScoring } from './readDocument.ts';
import { validateFlow } from './validateFlow.ts';

function nested(key: 'not' | 'all' | 'any', depth: number): unknown {
  let c: unknown = { score: { gte: 1 } };
  for (let i = 1; i < depth; i++) c = key === 'not' ? { not: c } : { [key]: [c] };
  return c;
}

function flowWith(condition: unknown, extra: Record<string, unknown>[] = []) {
  return {
    format: FLOW_FORMAT,
    id: 'f',
    name: 'F',
    settings: {},
    nodes: [{ id: 'start', type: 'trigger', config: { on: 'manual' } }, { id: 'check', type: 'condition', config: { if: condition } }, ...extra],
    edges: [{ from: 'start', to: 'check' }],
  };
}

/** A trigger and `count - 1` updates, each leading to the next. */
function chain(count: number) {
  const nodes: Record<string, unknown>[] = [{ id: 'start', type: 'trigger', config: { on: 'manual' } }];
  for (let i = 1; i < count; i++) nodes.push({ id: `n${i}`, type: 'update', config: { addScore: 1 } });
  const edges = nodes.slice(1).map((n, i) => ({ from: nodes[i]!.id, to: n.id }));
  return { format: FLOW_FORMAT, id: 'chain', name: 'Chain', settings: {}, nodes, edges };
}

describe('document limits', () => {
  it('refuses 1,000 nested nots with a problem instead of overflowing the stack', () => {
    const v = validateFlow(flowWith(nested('not', 1000)));
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([
      expect.objectContaining({ code: 'condition-too-deep', nodeId: 'check', message: expect.stringContaining(`at most ${MAX_CONDITION_DEPTH} levels`) }),
    ]);
    expect(v.problems[0]!.pointer).toBe(`/nodes/1/config/if${'/not'.repeat(MAX_CONDITION_DEPTH)}`);
  });

  it('accepts conditions exactly at the nesting limit, through not, all and any', () => {
    for (const key of ['not', 'all', 'any'] as const) {
      expect(validateFlow(flowWith(nested(key, MAX_CONDITION_DEPTH))).problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(validateFlow(flowWith(nested(key, MAX_CONDITION_DEPTH + 1))).problems.map((p) => p.code)).toEqual(['condition-too-deep']);
    }
  });

  it('checks conditions in wait-for nodes, handoff routing and the goal too', () => {
    const deep = nested('all', MAX_CONDITION_DEPTH + 1);
    const doc = flowWith({ score: { gte: 1 } }, [
      { id: 'w', type: 'waitFor', config: { until: deep } },
      { id: 'h', type: 'handoff', config: { routing: [{ if: deep, owner: 'a@b.example' }] } },
    ]);
    const v = validateFlow({ ...doc, settings: { goal: deep } });
    expect(v.problems.map((p) => p.pointer.replace(/(\/all\/0)+$/, ''))).toEqual(['/nodes/2/config/until', '/nodes/3/config/routing/0/if', '/settings/goal']);
  });

  it('refuses any document nested deeper than the limit, with a pointer to where', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const v = validateFlow({ ...flowWith({ score: { gte: 1 } }), description: deep });
    expect(v.problems).toEqual([expect.objectContaining({ code: 'too-deep', pointer: `/description${'/0'.repeat(MAX_DOCUMENT_DEPTH - 1)}` })]);
    const scenario = readScenario({
      format: 'hourglass.scenario/1',
      start: '2026-03-02T08:00:00Z',
      horizon: 'P1D',
      contact: { id: 'c', properties: { x: deep } },
    });
    expect(scenario.problems.map((p) => p.code)).toEqual(['too-deep']);
  });

  it('refuses a scoring rule whose condition nests too deeply', () => {
    const r = readScoring({ format: 'hourglass.scoring/1', fit: [{ if: nested('not', 1000), points: 1 }] });
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'condition-too-deep', pointer: `/fit/0/if${'/not'.repeat(MAX_CONDITION_DEPTH)}` })]);
  });

  it(`validates ${MAX_FLOW_NODES} chained nodes, with every graph walk iterative, and refuses one more`, () => {
    const v = validateFlow(chain(MAX_FLOW_NODES));
    expect(v.ok).toBe(true);
    expect(v.problems.map((p) => p.code)).toEqual(['port-without-edge']); // the last update leads nowhere
    expect(validateFlow(chain(MAX_FLOW_NODES + 1)).problems).toEqual([expect.objectContaining({ code: 'too-many-nodes', pointer: '/nodes' })]);
  });

  it('finds a loop of instant steps at the end of a long chain', () => {
    const doc = chain(3000);
    doc.edges.push({ from: 'n2999', to: 'n2990' });
    expect(validateFlow(doc).problems.map((p) => p.code)).toEqual(['instant-cycle']);
  });
});
