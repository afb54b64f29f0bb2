import type { CanvasState } from '../../canvas/canvasTypes.ts';
import type { EditorSlice, EditorStoreOptions } from './editorState.ts';
import type { NoteNode } from './notesSlice.ts';
import { reapplySelection } from './reapplySelection.ts';

/** What undo brings back: the flow on the canvas and the notes beside it. */
export type Snapshot = CanvasState & { notes: NoteNode[] };

export interface CommitOptions {
  /** Changes with the same key in quick succession (typing in one field) undo as one. */
  coalesce?: string;
}

export interface HistorySlice {
  past: Snapshot[];
  future: Snapshot[];
  /** Bumped on every change of the document, undo and redo included: autosave watches it. */
  revision: number;
  /**
   * Applies a change to the document as one undoable step. The recipe returns the parts of the
   * document it changes, or null to change nothing (then no step is recorded).
   */
  commit: (recipe: (doc: Snapshot) => Partial<Snapshot> | null, options?: CommitOptions) => void;
  /** Records the document as it is now as an undo step, for a change applied in many small updates (a drag). */
  checkpoint: () => void;
  undo: () => void;
  redo: () => void;
}

const LIMIT = 200;
const COALESCE_MS = 1000;

const snapshotOf = (s: Snapshot): Snapshot => ({ meta: s.meta, nodes: s.nodes, edges: s.edges, notes: s.notes });

export const createHistorySlice = (options: EditorStoreOptions): EditorSlice<HistorySlice> => {
  const now = options.now ?? Date.now;
  let last: { key: string; at: number } | null = null;

  return (set, get) => ({
    past: [],
    future: [],
    revision: 0,

    commit: (recipe, { coalesce } = {}) => {
      const state = get();
      const change = recipe(snapshotOf(state));
      if (!change) return;
      const at = now();
      const merge = coalesce !== undefined && last?.key === coalesce && at - last.at < COALESCE_MS && state.past.length > 0;
      last = coalesce !== undefined ? { key: coalesce, at } : null;
      set({
        ...change,
        past: merge ? state.past : [...state.past, snapshotOf(state)].slice(-LIMIT),
        future: [],
        revision: state.revision + 1,
      });
      get().syncSelection();
    },

    checkpoint: () => {
      const state = get();
      last = null;
      set({ past: [...state.past, snapshotOf(state)].slice(-LIMIT), future: [] });
    },

    undo: () => {
      const state = get();
      const previous = state.past[state.past.length - 1];
      if (!previous) return;
      last = null;
      set({
        ...restore(previous, state),
        past: state.past.slice(0, -1),
        future: [snapshotOf(state), ...state.future],
        revision: state.revision + 1,
      });
      get().syncSelection();
    },

    redo: () => {
      const state = get();
      const next = state.future[0];
      if (!next) return;
      last = null;
      set({
        ...restore(next, state),
        past: [...state.past, snapshotOf(state)],
        future: state.future.slice(1),
        revision: state.revision + 1,
      });
      get().syncSelection();
    },
  });
};

// Undo brings back the document, not the selection of that time: what is selected now stays selected.
function restore(snapshot: Snapshot, current: Snapshot): Snapshot {
  return {
    meta: snapshot.meta,
    nodes: reapplySelection(snapshot.nodes, new Set(current.nodes.filter((n) => n.selected).map((n) => n.id))),
    edges: reapplySelection(snapshot.edges, new Set(current.edges.filter((e) => e.selected).map((e) => e.id))),
    notes: reapplySelection(snapshot.notes, new Set(current.notes.filter((n) => n.selected).map((n) => n.id))),
  };
}
