import type { EditorSlice } from './editorState.ts';
import { reapplySelection } from './reapplySelection.ts';

export interface SelectionSlice {
  /** The ids of the selected nodes and edges, kept in step with React Flow's `selected` flags. */
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  /** A request to bring a node into view (the canvas answers it); the nonce repeats a request. */
  focus: { nodeId: string; nonce: number } | null;
  /** Recomputes the selected ids after nodes or edges changed. */
  syncSelection: () => void;
  select: (nodeIds: readonly string[], edgeIds?: readonly string[]) => void;
  selectAll: () => void;
  clearSelection: () => void;
  /** Selects one node and asks the canvas to show it (a click in the problems panel). */
  focusNode: (nodeId: string) => void;
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

export const createSelectionSlice: EditorSlice<SelectionSlice> = (set, get) => ({
  selectedNodeIds: [],
  selectedEdgeIds: [],
  focus: null,

  syncSelection: () => {
    const { nodes, edges, selectedNodeIds, selectedEdgeIds } = get();
    const nodeIds = nodes.filter((n) => n.selected).map((n) => n.id);
    const edgeIds = edges.filter((e) => e.selected).map((e) => e.id);
    // Same ids, same array: components that select them do not re-render.
    if (!sameIds(nodeIds, selectedNodeIds) || !sameIds(edgeIds, selectedEdgeIds)) {
      set({
        selectedNodeIds: sameIds(nodeIds, selectedNodeIds) ? selectedNodeIds : nodeIds,
        selectedEdgeIds: sameIds(edgeIds, selectedEdgeIds) ? selectedEdgeIds : edgeIds,
      });
    }
  },

  select: (nodeIds, edgeIds = []) => {
    const { nodes, edges, notes } = get();
    // Notes are never selected this way (search, problems, Escape): they would go with a Delete.
    set({ nodes: reapplySelection(nodes, new Set(nodeIds)), edges: reapplySelection(edges, new Set(edgeIds)), notes: reapplySelection(notes, new Set()) });
    get().syncSelection();
  },

  selectAll: () =>
    get().select(
      get().nodes.map((n) => n.id),
      get().edges.map((e) => e.id),
    ),

  clearSelection: () => get().select([]),

  focusNode: (nodeId) => {
    get().select([nodeId]);
    set({ focus: { nodeId, nonce: (get().focus?.nonce ?? 0) + 1 } });
  },
});
