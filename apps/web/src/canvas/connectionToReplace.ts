import type { CanvasEdge } from './canvasTypes.ts';

/**
 * The edge a new connection would replace: a port has at most one edge (spec §2), so connecting
 * a connected port to another step takes the old edge away. Null when nothing would be lost.
 */
export function connectionToReplace(
  edges: readonly CanvasEdge[],
  connection: { source: string; sourceHandle?: string | null; target: string },
): CanvasEdge | null {
  const port = connection.sourceHandle ?? undefined;
  return edges.find((e) => e.source === connection.source && (e.sourceHandle ?? undefined) === port && e.target !== connection.target) ?? null;
}
