import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { EditorState } from './editorState.ts';
import type { EditorStore } from './createEditorStore.ts';

export const EditorStoreContext = createContext<EditorStore | null>(null);

/** The store of the flow being edited, for event handlers that read it without re-rendering. */
export function useEditorStoreApi(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('useEditorStoreApi is used outside an editor.');
  return store;
}

/** Selects part of the editor state; the component re-renders only when that part changes. */
export function useEditorStore<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStoreApi(), selector);
}
