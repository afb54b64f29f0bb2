import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useEditorStoreApi } from '../editor/store/EditorStoreContext.tsx';
import type { NoteNode as NoteNodeType } from '../editor/store/notesSlice.ts';

/**
 * A note on the canvas: text beside the steps, dragged by its top bar. Not a step: no ports, and
 * not part of the flow document (see notesSlice).
 */
export const NoteNode = memo(function NoteNode({ id, data, selected }: NodeProps<NoteNodeType>) {
  const store = useEditorStoreApi();
  return (
    <div className={`hg-note${selected ? ' is-selected' : ''}`} data-testid="canvas-note" data-id={id}>
      <div className="hg-note__bar" title="Drag to move the note">
        Note
      </div>
      <textarea
        // nodrag, nowheel: selecting text and scrolling in the note do not pan the canvas.
        className="hg-note__text nodrag nowheel"
        aria-label="Note"
        placeholder="Write a note for your team…"
        value={data.text}
        rows={3}
        maxLength={5000}
        onChange={(e) => store.getState().setNoteText(id, e.target.value)}
      />
    </div>
  );
});
