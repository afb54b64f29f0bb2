import { applyNodeChanges, type Node, type NodeChange, type XYPosition } from '@xyflow/react';
import type { CanvasNote } from '@hourglass/api';
import type { EditorSlice } from './editorState.ts';

/** A note as React Flow draws it: a node of its own type, beside the flow's steps. */
export type NoteNode = Node<{ text: string }, 'note'>;

/**
 * The notes on the canvas. Saved beside the flow (`/api/flows/{id}/notes`), never in the flow
 * document: the compiler, the engine and exports never see them. Adding, editing, moving and
 * deleting notes are steps of the undo history like any other change of the canvas.
 */
export interface NotesSlice {
  notes: NoteNode[];
  /** False until the notes saved on the server arrive: nothing is saved before, so none is lost. */
  notesLoaded: boolean;
  /** Shows the notes saved on the server (not an undoable change). */
  loadNotes: (notes: readonly CanvasNote[]) => void;
  /** Adds an empty note, selects it alone and returns its id. */
  addNote: (position: XYPosition) => string;
  setNoteText: (id: string, text: string) => void;
  /** React Flow's selection, size and position changes of notes. */
  onNoteChanges: (changes: NodeChange<NoteNode>[]) => void;
}

export const toNoteNode = (n: CanvasNote): NoteNode => ({ id: n.id, type: 'note', position: { ...n.position }, data: { text: n.text } });
export const toCanvasNote = (n: NoteNode): CanvasNote => ({ id: n.id, text: n.data.text, position: { x: n.position.x, y: n.position.y } });

const nextNoteId = (notes: readonly NoteNode[]) => `note:${Math.max(0, ...notes.map((n) => Number(n.id.slice('note:'.length)) || 0)) + 1}`;

export const createNotesSlice: EditorSlice<NotesSlice> = (set, get) => ({
  notes: [],
  notesLoaded: false,

  loadNotes: (notes) => set({ notes: notes.map(toNoteNode), notesLoaded: true }),

  addNote: (position) => {
    const id = nextNoteId(get().notes);
    get().commit((doc) => ({
      nodes: doc.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)),
      edges: doc.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
      notes: [...doc.notes.map((n) => (n.selected ? { ...n, selected: false } : n)), { ...toNoteNode({ id, text: '', position }), selected: true }],
    }));
    return id;
  },

  setNoteText: (id, text) =>
    get().commit(
      (doc) => {
        const note = doc.notes.find((n) => n.id === id);
        if (!note || note.data.text === text) return null;
        return { notes: doc.notes.map((n) => (n === note ? { ...n, data: { text } } : n)) };
      },
      { coalesce: `note:${id}` },
    ),

  onNoteChanges: (changes) => {
    const relevant = changes.filter((c) => c.type === 'position' || c.type === 'dimensions' || c.type === 'select');
    if (relevant.length === 0) return;
    const moved = relevant.some((c) => c.type === 'position' && c.position);
    if (moved && !get().moving) {
      // Arrow keys move a selected note without a drag: each burst of moves is one step.
      get().commit((doc) => ({ notes: applyNodeChanges(relevant, doc.notes) }), { coalesce: 'nudge' });
      return;
    }
    set((s) => ({ notes: applyNodeChanges(relevant, s.notes), revision: moved ? s.revision + 1 : s.revision }));
  },
});
