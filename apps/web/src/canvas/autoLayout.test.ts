import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Flow } from '@hourglass/documents';
import { autoLayout } from './autoLayout.ts';
import { flowToCanvas } from './flowToCanvas.ts';
import { fixturePath } from '../../../../test/fixtures.ts';

const example = Flow.parse(JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'flow.json'), 'utf8')));

describe('autoLayout', () => {
  it('places every node, each edge going downwards, without overlaps', async () => {
    const { nodes, edges } = flowToCanvas(example);
    const at = await autoLayout(nodes, edges);
    expect([...at.keys()].sort()).toEqual(nodes.map((n) => n.id).sort());
    for (const e of edges) expect(at.get(e.target)!.y, `${e.source} → ${e.target}`).toBeGreaterThan(at.get(e.source)!.y);
    const boxes = [...at.values()];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        expect(Math.abs(a.x - b.x) >= 240 || Math.abs(a.y - b.y) >= 96).toBe(true);
      }
    }
  });

  it('puts the "yes" branch left of the "no" branch', async () => {
    const { nodes, edges } = flowToCanvas(example);
    const at = await autoLayout(nodes, edges);
    expect(at.get('to-sales')!.x).toBeLessThan(at.get('last-chance')!.x);
    expect(at.get('case-study')!.x).toBeLessThan(at.get('reminder')!.x);
  });

  it('lays out an unfinished draft with edges to missing nodes and unknown ports', async () => {
    const { nodes, edges } = flowToCanvas({
      ...example,
      edges: [...example.edges, { from: 'start', to: 'ghost' }, { from: 'ready', port: 'maybe', to: 'done' }],
    });
    const at = await autoLayout(nodes, edges);
    expect(at.size).toBe(nodes.length);
  });
});
