import type { CohortDraft } from '../../forecast/cohortDraft.ts';
import type { EditorSlice } from './editorState.ts';

/** How many synthetic contacts of a forecast entered each node and took each edge (canvas edge ids). */
export interface ForecastCounts {
  nodes: Record<string, number>;
  edges: Record<string, number>;
}

/**
 * What the forecast panel shows on the canvas (cleared when the panel closes) and the cohort the
 * marketer set up (kept while the flow is open, so closing the panel loses nothing). Not undoable.
 */
export interface ForecastSlice {
  forecastCounts: ForecastCounts | null;
  setForecastCounts: (counts: ForecastCounts | null) => void;
  /** Null until the panel first opens and starts it from the workspace's contacts. */
  cohort: CohortDraft | null;
  setCohort: (cohort: CohortDraft) => void;
}

export const createForecastSlice: EditorSlice<ForecastSlice> = (set) => ({
  forecastCounts: null,
  setForecastCounts: (forecastCounts) => set({ forecastCounts }),
  cohort: null,
  setCohort: (cohort) => set({ cohort }),
});
