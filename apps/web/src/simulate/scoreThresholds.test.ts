import { describe, expect, it } from 'vitest';
import { Flow } from '@hourglass/documents';
import { scoreThresholds } from './scoreThresholds.ts';

describe('scoreThresholds', () => {
  it('finds the score comparisons of conditions, nested ones, the goal and score triggers, but not added scores', () => {
    const flow = Flow.parse({
      format: 'hourglass.flow/1',
      id: 'f',
      name: 'F',
      settings: { goal: { score: { gte: 90 } } },
      nodes: [
        { id: 't', type: 'trigger', config: { on: 'score', gte: 10 } },
        { id: 'c', type: 'condition', config: { if: { any: [{ score: { gte: 40 } }, { not: { score: { lt: 5 } } }] } } },
        { id: 'u', type: 'update', config: { addScore: 15 } },
      ],
      edges: [
        { from: 't', to: 'c' },
        { from: 'c', port: 'yes', to: 'u' },
      ],
    });
    expect(scoreThresholds(flow)).toEqual([5, 10, 40, 90]);
  });
});
