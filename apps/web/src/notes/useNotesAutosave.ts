import { useEffect, useRef } from 'react';
import { errorMessage } from '../api/apiClient.ts';
import { useFlowNotes } from '../api/useFlowNotes.ts';
import { useSaveFlowNotes } from '../api/useSaveFlowNotes.ts';
import type { EditorStore } from '../editor/store/createEditorStore.ts';
import { toCanvasNote } from '../editor/store/notesSlice.ts';

const DEBOUNCE_MS = 600;

/**
 * Loads the notes saved beside the flow into the editor, then saves them a moment after each
 * change (and when the editor closes). Selecting or measuring a note changes nothing saved, so
 * what is sent is compared with what was last saved. Returns why the last save failed, if it did.
 */
export function useNotesAutosave(store: EditorStore, flowId: string): string | null {
  const notes = useFlowNotes(flowId);
  const save = useSaveFlowNotes(flowId);
  const saveRef = useRef(save.mutate);
  saveRef.current = save.mutate;
  const saved = useRef<string | null>(null);

  useEffect(() => {
    if (!notes.data || store.getState().notesLoaded) return;
    store.getState().loadNotes(notes.data);
    saved.current = JSON.stringify(notes.data);
  }, [notes.data, store]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      const { notes, notesLoaded } = store.getState();
      if (!notesLoaded) return;
      const now = notes.map(toCanvasNote);
      const text = JSON.stringify(now);
      if (text === saved.current) return;
      saved.current = text;
      saveRef.current(now, { onError: () => (saved.current = null) });
    };
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.notes === previous.notes || !state.notesLoaded) return;
      clearTimeout(timer);
      timer = setTimeout(flush, DEBOUNCE_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) flush();
    };
  }, [store]);

  return save.isError ? `The notes could not be saved: ${errorMessage(save.error)}` : null;
}
