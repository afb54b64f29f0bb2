import type { Edge, Node } from '@xyflow/react';
import type { Flow, NodeOfType, NodeType } from '@hourglass/documents';

/**
 * What a node of the flow document becomes on the canvas. `positioned` remembers whether the
 * document gave the node a position, so that a node without one stays without one on the way back.
 */
export type FlowNodeData<T extends NodeType = NodeType> = {
  config: NodeOfType<T>['config'];
  label?: string;
  positioned: boolean;
};

/** A canvas node: one React Flow node per flow node, its React Flow `type` being the flow node type. */
export type CanvasNode = { [T in NodeType]: Node<FlowNodeData<T>, T> }[NodeType];
export type CanvasNodeOfType<T extends NodeType> = Node<FlowNodeData<T>, T>;

/** What a canvas node is about, without where React Flow draws it (for forms that ignore moves). */
export type CanvasNodeContent = { [T in NodeType]: { id: string; type: T; data: FlowNodeData<T> } }[NodeType];

/** A canvas edge: the port of the flow edge is the React Flow source handle. */
export type CanvasEdge = Edge<Record<string, never>>;

/** Everything of the flow document that is not a node or an edge. */
export type FlowMeta = Omit<Flow, 'nodes' | 'edges'>;

/** The editor's view of a flow: the React Flow state plus the rest of the document. */
export interface CanvasState {
  meta: FlowMeta;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}
