import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react';
import { NodeId, portsOf, type Flow, type FlowEdge, type FlowNode, type NodeOfType, type NodeType } from '@hourglass/documents';
import type { CanvasEdge, CanvasNode, CanvasState, FlowMeta } from '../../canvas/canvasTypes.ts';
import { flowToCanvas, toCanvasNode } from '../../canvas/flowToCanvas.ts';
import { toFlowEdge, toFlowNode } from '../../canvas/canvasToFlow.ts';
import { toCanvasEdge } from '../../canvas/toCanvasEdge.ts';
import { nextNodeId } from '../../canvas/nextNodeId.ts';
import { pasteOffset } from '../../canvas/pasteOffset.ts';
import { NODE_TYPE_INFO } from '../../nodes/nodeTypeInfo.ts';
import type { EditorSlice } from './editorState.ts';

/** Copied nodes and the edges between them, as flow document parts (independent of any canvas). */
export interface Clipboard {
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** Where the last paste went (the pointer, or none) and how many pastes went there in a row. */
  spot: { at: XYPosition | null; pastes: number } | null;
}

/** Where a connection dragged out of a port started: the new step it is dropped for follows it. */
export interface ConnectionStart {
  source: string;
  sourceHandle?: string | null;
}

export interface NewNode<T extends NodeType = NodeType> {
  type: T;
  config: NodeOfType<T>['config'];
  label?: string;
}

export interface ConfigOptions {
  /** Ports renamed by this change (a split branch's key): their edges follow. */
  portRenames?: Record<string, string>;
  coalesce?: string;
}

export interface DocumentSlice extends CanvasState {
  clipboard: Clipboard | null;
  /** True while the marketer drags nodes: position updates then belong to one undo step. */
  moving: boolean;
  /**
   * Where the pointer is on the canvas, in flow coordinates (null off the canvas): a paste goes
   * there. A mutable box rather than state: it changes on every mouse move, and nothing renders it.
   */
  pointer: { at: XYPosition | null };
  onNodesChange: (changes: NodeChange<CanvasNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<CanvasEdge>[]) => void;
  beginMove: () => void;
  endMove: () => void;
  /** Adds a node, selects it alone and returns its id. */
  addNode: (node: NewNode, position: XYPosition) => string;
  /**
   * Adds a node connected from a port (a connection dropped on empty canvas), selects it alone
   * and returns its id. When the port was connected, the new node goes in between: its first
   * port takes over the old connection. Null (nothing changes) when that cannot be done: the
   * port is unknown, or already connected and the new node has no port to carry it on.
   */
  addConnectedNode: (node: NewNode, position: XYPosition, from: ConnectionStart) => string | null;
  /** Connects a port to a node; the port's previous edge, if any, is replaced (one edge per port). */
  connect: (connection: { source: string; sourceHandle?: string | null; target: string }) => void;
  updateConfig: <T extends NodeType>(id: string, config: NodeOfType<T>['config'], options?: ConfigOptions) => void;
  setLabel: (id: string, label: string | undefined) => void;
  /** Gives a node a new id, edges included; returns why not when the id is invalid or taken. */
  renameNode: (id: string, newId: string) => string | null;
  deleteElements: (nodeIds: readonly string[], edgeIds?: readonly string[], noteIds?: readonly string[]) => void;
  deleteSelection: () => void;
  copySelection: () => void;
  cutSelection: () => void;
  paste: () => void;
  setPositions: (positions: ReadonlyMap<string, XYPosition>) => void;
  updateMeta: (recipe: (meta: FlowMeta) => FlowMeta, coalesce?: string) => void;
  /** Replaces the whole document (a version restored into the draft) as one undoable step. */
  replaceDocument: (flow: Flow) => void;
}

const samePoint = (a: XYPosition | null, b: XYPosition | null) => (a === null || b === null ? a === b : a.x === b.x && a.y === b.y);
const deselected = <T extends { selected?: boolean }>(items: T[]): T[] => items.map((i) => (i.selected ? { ...i, selected: false } : i));

function uniqueEdgeIds(edges: CanvasEdge[]): CanvasEdge[] {
  const seen = new Set<string>();
  return edges.map((e) => {
    let id = e.id;
    for (let n = 1; seen.has(id); n++) id = `${e.id}#${n}`;
    seen.add(id);
    return id === e.id ? e : { ...e, id };
  });
}

/** Rebuilds a canvas edge from its flow edge, keeping its selection. */
function remakeEdge(edge: FlowEdge, selected: boolean | undefined): CanvasEdge {
  const e = toCanvasEdge(edge);
  return selected ? { ...e, selected } : e;
}

export const createDocumentSlice =
  (initial: Flow): EditorSlice<DocumentSlice> =>
  (set, get) => ({
    ...flowToCanvas(initial),
    clipboard: null,
    moving: false,
    pointer: { at: null },

    onNodesChange: (changes) => {
      // Removing and adding go through our own actions (one undo step each); React Flow only
      // reports sizes, selection and positions here.
      const relevant = changes.filter((c) => c.type === 'position' || c.type === 'dimensions' || c.type === 'select');
      if (relevant.length === 0) return;
      const moved = new Set(relevant.flatMap((c) => (c.type === 'position' && c.position ? [c.id] : [])));
      const apply = (nodes: CanvasNode[]) =>
        applyNodeChanges(relevant, nodes).map((n) =>
          moved.has(n.id) && !n.data.positioned ? ({ ...n, data: { ...n.data, positioned: true } } as CanvasNode) : n,
        );
      if (moved.size > 0 && !get().moving) {
        // Arrow keys move selected nodes without a drag: each burst of moves is one step.
        get().commit((doc) => ({ nodes: apply(doc.nodes) }), { coalesce: 'nudge' });
        return;
      }
      set((s) => ({ nodes: apply(s.nodes), revision: moved.size > 0 ? s.revision + 1 : s.revision }));
      if (relevant.some((c) => c.type === 'select')) get().syncSelection();
    },

    onEdgesChange: (changes) => {
      const relevant = changes.filter((c) => c.type === 'select');
      if (relevant.length === 0) return;
      set((s) => ({ edges: applyEdgeChanges(relevant, s.edges) }));
      get().syncSelection();
    },

    beginMove: () => {
      if (get().moving) return;
      get().checkpoint();
      set({ moving: true });
    },
    endMove: () => set({ moving: false }),

    addNode: ({ type, config, label }, position) => {
      const id = nextNodeId(NODE_TYPE_INFO[type].idPrefix, new Set(get().nodes.map((n) => n.id)));
      const flowNode = { id, type, ...(label !== undefined ? { label } : {}), position, config } as FlowNode;
      get().commit((doc) => ({
        nodes: [...deselected(doc.nodes), { ...toCanvasNode(flowNode), selected: true }],
        edges: deselected(doc.edges),
        notes: deselected(doc.notes),
      }));
      return id;
    },

    addConnectedNode: ({ type, config, label }, position, { source, sourceHandle }) => {
      const port = sourceHandle ?? undefined;
      const from = get().nodes.find((n) => n.id === source);
      if (!from || !portsOf(toFlowNode(from)).includes(port) || type === 'trigger') return null;
      const id = nextNodeId(NODE_TYPE_INFO[type].idPrefix, new Set(get().nodes.map((n) => n.id)));
      const flowNode = { id, type, ...(label !== undefined ? { label } : {}), position, config } as FlowNode;
      const samePort = (e: CanvasEdge) => e.source === source && (e.sourceHandle ?? undefined) === port;
      const old = get().edges.find(samePort);
      const ports = portsOf(flowNode);
      if (old && ports.length === 0) return null;
      const added: FlowEdge[] = [{ from: source, to: id, ...(port !== undefined ? { port } : {}) }];
      if (old) added.push({ from: id, to: old.target, ...(ports[0] !== undefined ? { port: ports[0] } : {}) });
      get().commit((doc) => ({
        nodes: [...deselected(doc.nodes), { ...toCanvasNode(flowNode), selected: true }],
        edges: uniqueEdgeIds([...deselected(doc.edges).filter((e) => !samePort(e)), ...added.map((e) => toCanvasEdge(e))]),
        notes: deselected(doc.notes),
      }));
      return id;
    },

    connect: ({ source, sourceHandle, target }) => {
      const port = sourceHandle ?? undefined;
      const edge: FlowEdge = { from: source, to: target, ...(port !== undefined ? { port } : {}) };
      get().commit((doc) => {
        const from = doc.nodes.find((n) => n.id === source);
        const to = doc.nodes.find((n) => n.id === target);
        if (!from || !to || from.type === 'exit' || to.type === 'trigger') return null;
        const samePort = (e: CanvasEdge) => e.source === source && (e.sourceHandle ?? undefined) === port;
        if (doc.edges.some((e) => samePort(e) && e.target === target)) return null;
        return { edges: uniqueEdgeIds([...doc.edges.filter((e) => !samePort(e)), toCanvasEdge(edge)]) };
      });
    },

    updateConfig: (id, config, { portRenames, coalesce } = {}) => {
      get().commit(
        (doc) => {
          const index = doc.nodes.findIndex((n) => n.id === id);
          const node = doc.nodes[index];
          if (!node || node.data.config === config) return null;
          const updated = { ...node, data: { ...node.data, config } } as CanvasNode;
          const nodes = doc.nodes.with(index, updated);
          // Edges follow renamed ports and disappear with removed ones.
          const ports = new Set(portsOf(toFlowNode(updated)));
          const edges = doc.edges.flatMap((e) => {
            if (e.source !== id) return [e];
            const port = e.sourceHandle ?? undefined;
            const renamed = port !== undefined && portRenames?.[port] !== undefined ? portRenames[port] : port;
            if (!ports.has(renamed)) return ports.has(port) ? [e] : [];
            return renamed === port ? [e] : [remakeEdge({ ...toFlowEdge(e), port: renamed }, e.selected)];
          });
          return { nodes, edges: edges.length === doc.edges.length && edges.every((e, i) => e === doc.edges[i]) ? doc.edges : uniqueEdgeIds(edges) };
        },
        { coalesce: coalesce ?? `config:${id}` },
      );
    },

    setLabel: (id, label) => {
      get().commit(
        (doc) => {
          const index = doc.nodes.findIndex((n) => n.id === id);
          const node = doc.nodes[index];
          if (!node || node.data.label === label) return null;
          const { label: _old, ...data } = node.data;
          return { nodes: doc.nodes.with(index, { ...node, data: label === undefined ? data : { ...data, label } } as CanvasNode) };
        },
        { coalesce: `label:${id}` },
      );
    },

    renameNode: (id, newId) => {
      if (id === newId) return null;
      const valid = NodeId.safeParse(newId);
      if (!valid.success) return valid.error.issues[0]?.message ?? 'Not a valid node id.';
      if (get().nodes.some((n) => n.id === newId)) return `Another node already has the id "${newId}".`;
      get().commit((doc) => ({
        nodes: doc.nodes.map((n) => (n.id === id ? { ...n, id: newId } : n)),
        edges: uniqueEdgeIds(
          doc.edges.map((e) => {
            if (e.source !== id && e.target !== id) return e;
            const f = toFlowEdge(e);
            return remakeEdge({ ...f, from: f.from === id ? newId : f.from, to: f.to === id ? newId : f.to }, e.selected);
          }),
        ),
      }));
      return null;
    },

    deleteElements: (nodeIds, edgeIds = [], noteIds = []) => {
      const gone = new Set(nodeIds);
      const goneEdges = new Set(edgeIds);
      const goneNotes = new Set(noteIds);
      get().commit((doc) => {
        const nodes = doc.nodes.filter((n) => !gone.has(n.id));
        const edges = doc.edges.filter((e) => !goneEdges.has(e.id) && !gone.has(e.source) && !gone.has(e.target));
        const notes = doc.notes.filter((n) => !goneNotes.has(n.id));
        const same = nodes.length === doc.nodes.length && edges.length === doc.edges.length && notes.length === doc.notes.length;
        return same ? null : { nodes, edges, notes };
      });
    },

    deleteSelection: () =>
      get().deleteElements(
        get().selectedNodeIds,
        get().selectedEdgeIds,
        get()
          .notes.filter((n) => n.selected)
          .map((n) => n.id),
      ),

    copySelection: () => {
      const { nodes, edges } = get();
      const picked = nodes.filter((n) => n.selected);
      if (picked.length === 0) return;
      const ids = new Set(picked.map((n) => n.id));
      set({
        clipboard: {
          nodes: picked.map((n) => toFlowNode({ ...n, data: { ...n.data, positioned: true } } as CanvasNode)),
          edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map(toFlowEdge),
          spot: null,
        },
      });
    },

    cutSelection: () => {
      get().copySelection();
      get().deleteSelection();
    },

    paste: () => {
      const clipboard = get().clipboard;
      if (!clipboard || clipboard.nodes.length === 0) return;
      const at = get().pointer.at;
      const earlier = clipboard.spot && samePoint(clipboard.spot.at, at) ? clipboard.spot.pastes : 0;
      const offset = pasteOffset(
        clipboard.nodes.map((n) => n.position ?? { x: 0, y: 0 }),
        at,
        earlier,
      );
      set({ clipboard: { ...clipboard, spot: { at, pastes: earlier + 1 } } });
      get().commit((doc) => {
        const taken = new Set(doc.nodes.map((n) => n.id));
        const newIds = new Map<string, string>();
        for (const n of clipboard.nodes) {
          const id = taken.has(n.id) ? nextNodeId(n.id.replace(/-\d+$/, ''), taken) : n.id;
          taken.add(id);
          newIds.set(n.id, id);
        }
        const pasted = clipboard.nodes.map((n) => ({
          ...toCanvasNode({ ...n, id: newIds.get(n.id)!, position: { x: (n.position?.x ?? 0) + offset.x, y: (n.position?.y ?? 0) + offset.y } }),
          selected: true,
        }));
        const pastedEdges = clipboard.edges.map((e) => ({ ...toCanvasEdge({ ...e, from: newIds.get(e.from)!, to: newIds.get(e.to)! }), selected: true }));
        return {
          nodes: [...deselected(doc.nodes), ...pasted],
          edges: uniqueEdgeIds([...deselected(doc.edges), ...pastedEdges]),
          notes: deselected(doc.notes),
        };
      });
    },

    setPositions: (positions) => {
      get().commit((doc) => ({
        nodes: doc.nodes.map((n) => {
          const p = positions.get(n.id);
          return p ? ({ ...n, position: { x: p.x, y: p.y }, data: { ...n.data, positioned: true } } as CanvasNode) : n;
        }),
      }));
    },

    updateMeta: (recipe, coalesce) => {
      get().commit(
        (doc) => {
          const meta = recipe(doc.meta);
          return meta === doc.meta ? null : { meta };
        },
        coalesce !== undefined ? { coalesce } : {},
      );
    },

    replaceDocument: (flow) => {
      get().commit(() => flowToCanvas(flow));
    },
  });
