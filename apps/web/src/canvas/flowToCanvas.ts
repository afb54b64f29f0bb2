import type { Flow, FlowNode } from '@hourglass/documents';
import type { CanvasNode, CanvasState } from './canvasTypes.ts';
import { edgeId, toCanvasEdge } from './toCanvasEdge.ts';

// Where a node without a position is drawn until the editor lays the flow out.
const UNPLACED_SPACING = 140;

/** A flow node as a canvas node (the React Flow type is the flow node type). */
export function toCanvasNode(node: FlowNode, index = 0): CanvasNode {
  const base = {
    id: node.id,
    position: node.position ? { x: node.position.x, y: node.position.y } : { x: 0, y: index * UNPLACED_SPACING },
    data: { config: node.config, ...(node.label !== undefined ? { label: node.label } : {}), positioned: node.position !== undefined },
  };
  // The cast re-joins `type` and `data.config`, which TypeScript cannot correlate across a union.
  return { ...base, type: node.type } as CanvasNode;
}

/**
 * Converts a flow document into the editor's canvas state. Pure; `canvasToFlow` is its inverse
 * (a round trip keeps every field, in order, including positions and labels).
 */
export function flowToCanvas(flow: Flow): CanvasState {
  const { nodes, edges, ...meta } = flow;
  const seen = new Map<string, number>();
  return {
    meta,
    nodes: nodes.map(toCanvasNode),
    edges: edges.map((edge) => {
      // An invalid document may repeat an edge; React Flow needs distinct ids.
      const id = edgeId(edge);
      const n = seen.get(id) ?? 0;
      seen.set(id, n + 1);
      return toCanvasEdge(edge, n === 0 ? id : `${id}#${n}`);
    }),
  };
}
