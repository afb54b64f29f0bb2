import { describe, expect, it } from 'vitest';
import { FLOW_FORMAT, type Flow } from '@hourglass/documents';
import { canvasToFlow } from '../../canvas/canvasToFlow.ts';
import { createEditorStore } from './createEditorStore.ts';

const flow: Flow = {
  format: FLOW_FORMAT,
  id: 'drop',
  name: 'Drop',
  settings: {},
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, config: { on: 'event', event: 'signup' } },
    { id: 'welcome', type: 'sendEmail', position: { x: 0, y: 150 }, config: { subject: 'Hi', body: 'Welcome' } },
    { id: 'done', type: 'exit', position: { x: 0, y: 300 }, config: {} },
  ],
  edges: [{ from: 'start', to: 'welcome' }],
};

describe('adding a step where a connection was dropped', () => {
  it('adds the step at the drop point, connected from the port, selected alone, as one undo step', () => {
    const store = createEditorStore(flow);
    const id = store.getState().addConnectedNode({ type: 'wait', config: { for: 'P1D' } }, { x: 200, y: 300 }, { source: 'welcome' });
    expect(id).toBe('wait-1');
    const doc = canvasToFlow(store.getState());
    expect(doc.nodes.at(-1)).toEqual({ id: 'wait-1', type: 'wait', position: { x: 200, y: 300 }, config: { for: 'P1D' } });
    expect(doc.edges).toContainEqual({ from: 'welcome', to: 'wait-1' });
    expect(store.getState().selectedNodeIds).toEqual(['wait-1']);
    store.getState().undo();
    expect(canvasToFlow(store.getState())).toEqual(flow);
  });

  it('puts the step in between when the port was connected, instead of cutting the flow', () => {
    const store = createEditorStore(flow);
    store.getState().addConnectedNode({ type: 'condition', config: { if: { score: { gte: 10 } } } }, { x: 200, y: 80 }, { source: 'start' });
    expect(canvasToFlow(store.getState()).edges).toEqual([
      { from: 'start', to: 'condition-1' },
      { from: 'condition-1', port: 'yes', to: 'welcome' },
    ]);
  });

  it('changes nothing for a step that cannot carry the old connection on, a trigger, or a port that does not exist', () => {
    const store = createEditorStore(flow);
    expect(store.getState().addConnectedNode({ type: 'exit', config: {} }, { x: 0, y: 0 }, { source: 'start' })).toBeNull();
    expect(store.getState().addConnectedNode({ type: 'trigger', config: { on: 'manual' } }, { x: 0, y: 0 }, { source: 'welcome' })).toBeNull();
    expect(store.getState().addConnectedNode({ type: 'wait', config: { for: 'P1D' } }, { x: 0, y: 0 }, { source: 'welcome', sourceHandle: 'yes' })).toBeNull();
    expect(store.getState().addConnectedNode({ type: 'wait', config: { for: 'P1D' } }, { x: 0, y: 0 }, { source: 'done' })).toBeNull();
    expect(canvasToFlow(store.getState())).toEqual(flow);
    expect(store.getState().past).toHaveLength(0);
  });
});
