import type { XYPosition } from '@xyflow/react';
import { summarizeNode, type TypedConfig } from '../summaries/summarizeNode.ts';
import type { CanvasNode } from './canvasTypes.ts';

/**
 * The steps a canvas search finds, best first: those whose label holds the text, then those
 * whose id does, then those whose summary ("Wait 3 days") does; within each, top to bottom and
 * left to right, the order a marketer reads the canvas in. Case does not matter.
 */
export function findSteps(nodes: readonly Pick<CanvasNode, 'id' | 'type' | 'data' | 'position'>[], query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const rank = (n: (typeof nodes)[number]): number => {
    if (n.data.label?.toLowerCase().includes(q)) return 0;
    if (n.id.toLowerCase().includes(q)) return 1;
    if (
      summarizeNode({ type: n.type, config: n.data.config } as TypedConfig)
        .toLowerCase()
        .includes(q)
    )
      return 2;
    return -1;
  };
  const byReading = (a: XYPosition, b: XYPosition) => a.y - b.y || a.x - b.x;
  return nodes
    .map((n) => ({ n, r: rank(n) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || byReading(a.n.position, b.n.position))
    .map((x) => x.n.id);
}
