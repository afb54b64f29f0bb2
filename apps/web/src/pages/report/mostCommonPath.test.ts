import { describe, expect, it } from 'vitest';
import type { FlowReport } from '@hourglass/api';
import type { Flow } from '@hourglass/documents';
import { mostCommonPath } from './mostCommonPath.ts';

const node = (id: string, type: string) => ({ id, type, config: {} }) as unknown as Flow['nodes'][number];
const nodes = (counts: Record<string, [entered: number, ports?: Record<string, number>]>): FlowReport['nodes'] =>
  Object.fromEntries(Object.entries(counts).map(([id, [entered, ports = {}]]) => [id, { entered, ports, waiting: 0 }]));

/** form → vip? yes: sales → done; no: nurture (wait) → clicked? (waitFor met / timeout) → done. A loop: nurture ← timeout. */
const flow: Pick<Flow, 'nodes' | 'edges'> = {
  nodes: [
    node('form', 'trigger'),
    node('import', 'trigger'),
    node('vip', 'condition'),
    node('sales', 'handoff'),
    node('nurture', 'wait'),
    node('clicked', 'waitFor'),
    node('done', 'exit'),
  ],
  edges: [
    { from: 'form', to: 'vip' },
    { from: 'import', to: 'vip' },
    { from: 'vip', port: 'yes', to: 'sales' },
    { from: 'vip', port: 'no', to: 'nurture' },
    { from: 'sales', to: 'done' },
    { from: 'nurture', to: 'clicked' },
    { from: 'clicked', port: 'met', to: 'done' },
    { from: 'clicked', port: 'timeout', to: 'nurture' },
  ],
};

describe('the funnel along the most common path', () => {
  it('starts at the busiest trigger and follows the port most contacts left by, with the drop between steps', () => {
    const report = {
      nodes: nodes({
        form: [100],
        import: [20],
        vip: [120, { yes: 30, no: 90 }],
        sales: [30],
        nurture: [90],
        clicked: [80, { met: 50, timeout: 20 }],
        done: [80],
      }),
    };
    expect(mostCommonPath(flow, report)).toEqual([
      { node: 'form', entered: 100, port: null, drop: -20 },
      { node: 'vip', entered: 120, port: 'no', drop: 30 },
      { node: 'nurture', entered: 90, port: null, drop: 10 },
      { node: 'clicked', entered: 80, port: 'met', drop: 0 },
      { node: 'done', entered: 80, port: null, drop: null },
    ]);
  });

  it('stops at a loop back to a step already on the path, and where nobody has left yet', () => {
    const looping = { nodes: nodes({ form: [10], vip: [10, { no: 10 }], nurture: [10], clicked: [10, { met: 1, timeout: 9 }] }) };
    expect(mostCommonPath(flow, looping).map((s) => s.node)).toEqual(['form', 'vip', 'nurture', 'clicked']);
    expect(mostCommonPath(flow, looping).at(-1)).toEqual({ node: 'clicked', entered: 10, port: 'timeout', drop: null });
    const waiting = { nodes: nodes({ form: [10], vip: [10, { no: 10 }], nurture: [10], clicked: [10] }) };
    expect(mostCommonPath(flow, waiting).at(-1)).toEqual({ node: 'clicked', entered: 10, port: null, drop: null });
  });

  it('is empty for a flow without a trigger', () => {
    expect(mostCommonPath({ nodes: [node('x', 'exit')], edges: [] }, { nodes: {} })).toEqual([]);
  });
});
