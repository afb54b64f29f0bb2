import { describe, expect, it } from 'vitest';
import { Flow } from '@hourglass/documents';
import { createEditorStore } from './createEditorStore.ts';

const flow = Flow.parse({
  format: 'hourglass.flow/1',
  id: 'f',
  name: 'F',
  nodes: [
    { id: 't', type: 'trigger', config: { on: 'manual' } },
    { id: 'x', type: 'exit', config: {} },
  ],
  edges: [{ from: 't', to: 'x' }],
});

describe('the simulation slice', () => {
  it('shows a simulation on the canvas, moves its marker and clears it, without an undo step', () => {
    const store = createEditorStore(flow);
    store.getState().setSimulationMarker('t');
    expect(store.getState().simulation).toBeNull();
    store.getState().showSimulation(['t', 'x'], ['t→→x']);
    store.getState().setSimulationMarker('x');
    expect(store.getState().simulation).toEqual({ visitedNodes: { t: true, x: true }, takenEdges: { 't→→x': true }, marker: 'x' });
    expect(store.getState().past).toHaveLength(0);
    store.getState().clearSimulation();
    expect(store.getState().simulation).toBeNull();
  });
});
