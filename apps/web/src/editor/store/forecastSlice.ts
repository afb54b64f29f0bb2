import type { EditorSlice } from './editorState.ts';

/** How many synthetic contacts of a forecast entered each node and took each edge (canvas edge ids). */
export interface ForecastCounts {
  nodes: Record<string, number>;
  edges: Record<string, number>;
}

/** What the forecast panel shows on the canvas. Not undoable; cleared when the panel closes. */
export interface ForecastSlice {
  forecastCounts: ForecastCounts | null;
  setForecastCounts: (counts: ForecastCounts | null) => void;
}

export const createForecastSlice: EditorSlice<ForecastSlice> = (set) => ({
  forecastCounts: null,
  setForecastCounts: (forecastCounts) => set({ forecastCounts }),
});
