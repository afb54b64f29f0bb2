import { describe, expect, it } from 'vitest';
import type { CanvasEdge } from './canvasTypes.ts';
import { connectionToReplace } from './connectionToReplace.ts';

const edges: CanvasEdge[] = [
  { id: 'a', source: 'start', target: 'welcome', sourceHandle: null },
  { id: 'b', source: 'ready', target: 'to-sales', sourceHandle: 'yes' },
  { id: 'c', source: 'ready', target: 'last-chance', sourceHandle: 'no' },
];

describe('connectionToReplace', () => {
  it('finds the edge of a connected port that a connection to another step would replace', () => {
    expect(connectionToReplace(edges, { source: 'start', sourceHandle: null, target: 'done' })?.id).toBe('a');
    expect(connectionToReplace(edges, { source: 'ready', sourceHandle: 'no', target: 'done' })?.id).toBe('c');
  });

  it('finds nothing for a free port or the same connection again', () => {
    expect(connectionToReplace(edges, { source: 'welcome', target: 'done' })).toBeNull();
    expect(connectionToReplace(edges, { source: 'ready', sourceHandle: 'yes', target: 'to-sales' })).toBeNull();
  });
});
