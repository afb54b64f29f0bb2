import { describe, expect, it } from 'vitest';
import { FLOW_FORMAT, type Flow } from '@hourglass/documents';
import { canvasToFlow } from '../../canvas/canvasToFlow.ts';
import { createEditorStore } from './createEditorStore.ts';
import { toCanvasNote } from './notesSlice.ts';

const flow: Flow = {
  format: FLOW_FORMAT,
  id: 'notes',
  name: 'Notes',
  settings: {},
  nodes: [{ id: 'start', type: 'trigger', position: { x: 0, y: 0 }, config: { on: 'manual' } }],
  edges: [],
};

describe('notes on the canvas', () => {
  it('adds, edits and deletes notes as undoable steps, and keeps them out of the flow document', () => {
    const store = createEditorStore(flow);
    const s = () => store.getState();
    s().loadNotes([{ id: 'note:4', text: 'Saved earlier', position: { x: 0, y: -200 } }]);
    expect(s().past).toHaveLength(0);
    const id = s().addNote({ x: 300, y: 0 });
    expect(id).toBe('note:5');
    s().setNoteText(id, 'Ask sales about the DACH routing');
    expect(s().notes.map(toCanvasNote)).toEqual([
      { id: 'note:4', text: 'Saved earlier', position: { x: 0, y: -200 } },
      { id: 'note:5', text: 'Ask sales about the DACH routing', position: { x: 300, y: 0 } },
    ]);
    // The compiler and the engine read the flow document: notes are not in it.
    expect(canvasToFlow(s())).toEqual(flow);

    s().deleteSelection();
    expect(s().notes.map((n) => n.id)).toEqual(['note:4']);
    s().undo();
    expect(s().notes.map((n) => n.data.text)).toEqual(['Saved earlier', 'Ask sales about the DACH routing']);
    s().undo();
    s().undo();
    expect(s().notes.map((n) => n.id)).toEqual(['note:4']);
  });

  it('leaves a selected note alone when a step is deleted from the inspector or the selection moves elsewhere', () => {
    const store = createEditorStore(flow);
    const s = () => store.getState();
    s().addNote({ x: 300, y: 0 });
    s().select(['start']);
    expect(s().notes[0]!.selected).toBe(false);
    s().deleteSelection();
    expect(s().nodes).toHaveLength(0);
    expect(s().notes).toHaveLength(1);
  });
});
