import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Flow } from '@hourglass/documents';
import { canvasToFlow } from './canvasToFlow.ts';
import { flowToCanvas } from './flowToCanvas.ts';
import { flowArbitrary } from './flowArbitrary.ts';
import { fixturePath } from '../../../../test/fixtures.ts';

const example = Flow.parse(JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'flow.json'), 'utf8')));

describe('flowToCanvas and canvasToFlow', () => {
  it('give back the whitepaper example exactly, positions and labels included', () => {
    const back = canvasToFlow(flowToCanvas(example));
    expect(back).toStrictEqual(example);
    expect(JSON.stringify(back)).toBe(JSON.stringify(example));
  });

  it('give back every random flow document exactly, field by field and in order', () => {
    fc.assert(
      fc.property(flowArbitrary, (flow) => {
        const back = canvasToFlow(flowToCanvas(flow));
        expect(back).toStrictEqual(flow);
        expect(JSON.stringify(back)).toBe(JSON.stringify(flow));
      }),
      { numRuns: 300 },
    );
  });

  it('keep a node without a position without one, even after React Flow gave it a place to draw', () => {
    const flow = { ...example, nodes: example.nodes.map(({ position: _p, ...n }) => n) } as Flow;
    const canvas = flowToCanvas(flow);
    expect(canvas.nodes.every((n) => Number.isFinite(n.position.x) && Number.isFinite(n.position.y))).toBe(true);
    expect(canvasToFlow(canvas).nodes.every((n) => n.position === undefined)).toBe(true);
  });

  it('ignore what React Flow adds to its nodes and edges (selection, measured size, dragging)', () => {
    const canvas = flowToCanvas(example);
    const busy = {
      ...canvas,
      nodes: canvas.nodes.map((n) => ({ ...n, selected: true, dragging: false, measured: { width: 200, height: 60 } })),
      edges: canvas.edges.map((e) => ({ ...e, selected: true, animated: true })),
    };
    expect(canvasToFlow(busy)).toStrictEqual(example);
  });
});

describe('flowToCanvas', () => {
  it('makes every port a source handle and shows it as the label of its edge', () => {
    const canvas = flowToCanvas(example);
    const met = canvas.edges.find((e) => e.source === 'engaged' && e.target === 'case-study');
    expect(met).toMatchObject({ sourceHandle: 'met', label: 'met' });
    const plain = canvas.edges.find((e) => e.source === 'start');
    expect(plain?.sourceHandle).toBeNull();
    expect(plain?.label).toBeUndefined();
  });

  it('gives each canvas node the flow node type as its React Flow type, and its position', () => {
    const canvas = flowToCanvas(example);
    const ready = canvas.nodes.find((n) => n.id === 'ready');
    expect(ready).toMatchObject({ type: 'condition', position: { x: 250, y: 640 }, data: { label: 'Score ≥ 40?', positioned: true } });
  });

  it('gives repeated edges of an invalid document distinct ids', () => {
    const flow = { ...example, edges: [...example.edges, example.edges[0]!] };
    const ids = flowToCanvas(flow).edges.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
