import type { Flow, FlowEdge, FlowNode } from '@hourglass/documents';
import type { CanvasEdge, CanvasNode, CanvasState } from './canvasTypes.ts';

/** A canvas node back as a flow node; React Flow's own fields (selection, size…) are dropped. */
export function toFlowNode(node: CanvasNode): FlowNode {
  const { config, label, positioned } = node.data;
  return {
    id: node.id,
    type: node.type,
    ...(label !== undefined ? { label } : {}),
    ...(positioned ? { position: { x: node.position.x, y: node.position.y } } : {}),
    config,
  } as FlowNode; // `type` and `config` come from one canvas node, so they match.
}

export function toFlowEdge(edge: CanvasEdge): FlowEdge {
  return {
    from: edge.source,
    to: edge.target,
    ...(edge.sourceHandle !== null && edge.sourceHandle !== undefined ? { port: edge.sourceHandle } : {}),
  };
}

/** Converts the editor's canvas state back into the flow document it stands for. Pure. */
export function canvasToFlow(state: CanvasState): Flow {
  const { format, id, name, description, settings } = state.meta;
  return {
    format,
    id,
    name,
    ...(description !== undefined ? { description } : {}),
    settings,
    nodes: state.nodes.map(toFlowNode),
    edges: state.edges.map(toFlowEdge),
  };
}
