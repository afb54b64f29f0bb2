import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Flow, type FlowNode } from './flow.ts';
import { diffFlows, isEmptyDiff } from './diffFlows.ts';
import { fixturePath } from '../../../test/fixtures.ts';

const example = Flow.parse(JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'flow.json'), 'utf8')));

describe('diffFlows', () => {
  it('finds nothing between a flow and itself, whatever the key order', () => {
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : typeof v === 'object' && v !== null
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    const reordered = reverseKeys(example) as Flow;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(example));
    expect(isEmptyDiff(diffFlows(example, reordered))).toBe(true);
    expect(diffFlows(example, reordered).nodesMoved).toEqual([]);
  });

  it('reports nodes and edges added, removed and changed, and moves apart', () => {
    const after: Flow = {
      ...example,
      name: 'New name',
      nodes: [
        ...example.nodes
          .filter((n) => n.id !== 'last-chance')
          .map((n) => (n.id === 'wait-4d' ? ({ ...n, config: { for: 'P5D' } } as FlowNode) : n.id === 'start' ? { ...n, position: { x: 0, y: 0 } } : n)),
        { id: 'bye', type: 'exit', config: {} },
      ],
      edges: [...example.edges.filter((e) => e.to !== 'last-chance' && e.from !== 'last-chance'), { from: 'ready', port: 'no', to: 'bye' }],
    };
    const d = diffFlows(example, after);
    expect(d.nodesAdded.map((n) => n.id)).toEqual(['bye']);
    expect(d.nodesRemoved.map((n) => n.id)).toEqual(['last-chance']);
    expect(d.nodesChanged.map((c) => [c.id, c.fields])).toEqual([['wait-4d', ['config']]]);
    expect(d.nodesMoved).toEqual(['start']);
    expect(d.edgesAdded).toEqual([{ from: 'ready', port: 'no', to: 'bye' }]);
    expect(d.edgesRemoved).toEqual([
      { from: 'ready', port: 'no', to: 'last-chance' },
      { from: 'last-chance', to: 'done' },
    ]);
    expect(d.flowChanged).toEqual(['name']);
    expect(isEmptyDiff(d)).toBe(false);
  });
});
