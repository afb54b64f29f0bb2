import type { FlowEdge } from '@hourglass/documents';
import type { CanvasEdge } from './canvasTypes.ts';

/** The id of the canvas edge of a flow edge: stable, so that React Flow keeps its DOM across edits. */
export function edgeId(edge: FlowEdge): string {
  return `${edge.from}→${edge.port ?? ''}→${edge.to}`;
}

/** A flow edge as a canvas edge; its port is the source handle and is shown as the edge's label. */
export function toCanvasEdge(edge: FlowEdge, id = edgeId(edge)): CanvasEdge {
  return {
    id,
    source: edge.from,
    target: edge.to,
    sourceHandle: edge.port ?? null,
    ...(edge.port !== undefined ? { label: edge.port } : {}),
  };
}
