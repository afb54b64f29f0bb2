import type { Flow, FlowEdge, FlowNode } from './flow.ts';

export interface NodeChange {
  id: string;
  before: FlowNode;
  after: FlowNode;
  fields: ('type' | 'label' | 'config')[];
}

/** What changed from one flow document to another: for the version history, the publish dialog and the server's refusal of an unchanged version. */
export interface FlowDiff {
  nodesAdded: FlowNode[];
  nodesRemoved: FlowNode[];
  nodesChanged: NodeChange[];
  /** Nodes whose only change is their place on the canvas. */
  nodesMoved: string[];
  edgesAdded: FlowEdge[];
  edgesRemoved: FlowEdge[];
  /** Flow-level fields that changed: name, description, settings. */
  flowChanged: ('name' | 'description' | 'settings')[];
}

// Key-order independent equality of JSON values.
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const edgeKey = (e: FlowEdge) => `${e.from}\u0000${e.port ?? ''}\u0000${e.to}`;

/** Compares two versions of a flow: nodes by id, edges by their ends and port. */
export function diffFlows(before: Flow, after: Flow): FlowDiff {
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const nodesChanged: NodeChange[] = [];
  const nodesMoved: string[] = [];
  for (const n of after.nodes) {
    const o = old.get(n.id);
    if (!o) continue;
    const fields = (['type', 'label', 'config'] as const).filter((f) => !same(o[f], n[f]));
    if (fields.length) nodesChanged.push({ id: n.id, before: o, after: n, fields });
    else if (!same(o.position, n.position)) nodesMoved.push(n.id);
  }
  const oldEdges = new Set(before.edges.map(edgeKey));
  const newEdges = new Set(after.edges.map(edgeKey));
  return {
    nodesAdded: after.nodes.filter((n) => !old.has(n.id)),
    nodesRemoved: before.nodes.filter((n) => !now.has(n.id)),
    nodesChanged,
    nodesMoved,
    edgesAdded: after.edges.filter((e) => !oldEdges.has(edgeKey(e))),
    edgesRemoved: before.edges.filter((e) => !newEdges.has(edgeKey(e))),
    flowChanged: (['name', 'description', 'settings'] as const).filter((f) => !same(before[f], after[f])),
  };
}

/** True when nothing but positions changed. */
export function isEmptyDiff(d: FlowDiff): boolean {
  return !d.nodesAdded.length && !d.nodesRemoved.length && !d.nodesChanged.length && !d.edgesAdded.length && !d.edgesRemoved.length && !d.flowChanged.length;
}
