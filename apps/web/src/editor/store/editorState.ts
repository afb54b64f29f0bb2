import type { StateCreator } from 'zustand/vanilla';
import type { AnnotationsSlice } from './annotationsSlice.ts';
import type { DocumentSlice } from './documentSlice.ts';
import type { ForecastSlice } from './forecastSlice.ts';
import type { HistorySlice } from './historySlice.ts';
import type { NotesSlice } from './notesSlice.ts';
import type { SelectionSlice } from './selectionSlice.ts';
import type { SimulationSlice } from './simulationSlice.ts';

/** The whole editor state: the slices combined by `createEditorStore`. */
export type EditorState = DocumentSlice & SelectionSlice & HistorySlice & AnnotationsSlice & SimulationSlice & ForecastSlice & NotesSlice;

/** A slice creator of the editor store; slices may read and call each other through `get`. */
export type EditorSlice<T> = StateCreator<EditorState, [], [], T>;

/** Options of the store factory; the clock is injectable so that tests control coalescing. */
export interface EditorStoreOptions {
  now?: () => number;
}
