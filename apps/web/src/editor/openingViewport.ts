import { getViewportForBounds, type Viewport } from '@xyflow/react';

/** A node's size before the browser has measured it: the width of `.hg-node`, a typical height. */
export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 100;

/**
 * The view a flow opens at, fitted to its saved positions before anything is drawn: React Flow's
 * own `fitView` can only fit after drawing and measuring every node at 100%, so a large flow was
 * drawn twice, the second time at a zoom that restyles (and re-measures) every node.
 */
export function openingViewport(
  positions: readonly { x: number; y: number }[],
  width: number,
  height: number,
  options: { minZoom: number; maxZoom: number; padding: number },
): Viewport | null {
  if (positions.length === 0 || width <= 0 || height <= 0) return null;
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const p of positions) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + NODE_WIDTH);
    maxY = Math.max(maxY, p.y + NODE_HEIGHT);
  }
  return getViewportForBounds({ x: minX, y: minY, width: maxX - minX, height: maxY - minY }, width, height, options.minZoom, options.maxZoom, options.padding);
}
