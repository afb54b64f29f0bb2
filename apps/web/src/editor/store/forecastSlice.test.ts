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

describe('the forecast slice', () => {
  it('keeps the counts of a forecast for the canvas and clears them, leaving the document and its history alone', () => {
    const store = createEditorStore(flow);
    const nodes = store.getState().nodes;
    store.getState().setForecastCounts({ nodes: { t: 10, x: 10 }, edges: { 't→→x': 10 } });
    expect(store.getState().forecastCounts?.nodes.t).toBe(10);
    expect(store.getState().nodes).toBe(nodes);
    expect(store.getState().past).toHaveLength(0);
    store.getState().setForecastCounts(null);
    expect(store.getState().forecastCounts).toBeNull();
  });
});
