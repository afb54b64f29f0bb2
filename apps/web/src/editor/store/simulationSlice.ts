import type { EditorSlice } from './editorState.ts';

/** The canvas's view of a simulation: what the contact went through, and where the timeline's marker is. */
export interface SimulationView {
  visitedNodes: Record<string, true>;
  takenEdges: Record<string, true>;
  marker: string | null;
}

/** What the simulate panel shows on the canvas. Not undoable; cleared when the panel closes. */
export interface SimulationSlice {
  simulation: SimulationView | null;
  showSimulation: (visitedNodes: readonly string[], takenEdges: readonly string[]) => void;
  setSimulationMarker: (node: string | null) => void;
  clearSimulation: () => void;
}

const set = (ids: readonly string[]) => Object.fromEntries(ids.map((id) => [id, true as const]));

export const createSimulationSlice: EditorSlice<SimulationSlice> = (setState, get) => ({
  simulation: null,
  showSimulation: (visitedNodes, takenEdges) => setState({ simulation: { visitedNodes: set(visitedNodes), takenEdges: set(takenEdges), marker: null } }),
  setSimulationMarker: (marker) => {
    const current = get().simulation;
    if (current) setState({ simulation: { ...current, marker } });
  },
  clearSimulation: () => setState({ simulation: null }),
});
