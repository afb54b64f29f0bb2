import { createStore } from 'zustand/vanilla';
import type { Flow } from '@hourglass/documents';
import { createAnnotationsSlice } from './annotationsSlice.ts';
import { createDocumentSlice } from './documentSlice.ts';
import { createForecastSlice } from './forecastSlice.ts';
import type { EditorState, EditorStoreOptions } from './editorState.ts';
import { createHistorySlice } from './historySlice.ts';
import { createNotesSlice } from './notesSlice.ts';
import { createSelectionSlice } from './selectionSlice.ts';
import { createSimulationSlice } from './simulationSlice.ts';

/**
 * Creates the store of one open flow. A factory rather than a module-level store: every editor
 * (and every test) gets its own document, selection and history.
 */
export function createEditorStore(flow: Flow, options: EditorStoreOptions = {}) {
  const store = createStore<EditorState>()((...a) => ({
    ...createDocumentSlice(flow)(...a),
    ...createSelectionSlice(...a),
    ...createHistorySlice(options)(...a),
    ...createAnnotationsSlice(...a),
    ...createSimulationSlice(...a),
    ...createForecastSlice(...a),
    ...createNotesSlice(...a),
  }));
  store.getState().syncSelection();
  return store;
}

export type EditorStore = ReturnType<typeof createEditorStore>;
