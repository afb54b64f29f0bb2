import { useCallback, useState, type RefObject } from 'react';
import { useReactFlow, type OnConnectEnd } from '@xyflow/react';
import type { PaletteItem } from '../palette/paletteItems.ts';
import type { CanvasEdge, CanvasNode } from '../canvas/canvasTypes.ts';
import type { ConnectionStart } from './store/documentSlice.ts';
import type { EditorStore } from './store/createEditorStore.ts';

/** A connection dropped on empty canvas, waiting for the marketer to pick the step to add there. */
export interface ConnectDrop {
  /** In pixels from the canvas's top-left corner, to place the picker. */
  screen: { x: number; y: number };
  /** In flow coordinates, to place the new step. */
  flow: { x: number; y: number };
  from: ConnectionStart;
  portConnected: boolean;
}

// The picker's largest size (see .hg-step-picker).
const PICKER = { width: 260, height: 350 };
// Half a step's width: the new step's input port (its top centre) lands where the line ended.
const HALF_NODE = 120;

/**
 * Dropping a connection on empty canvas opens a picker there; the step picked is added at that
 * point, connected from the port the line came out of (React Flow's `onConnectEnd`).
 */
export function useConnectDrop(store: EditorStore, canvas: RefObject<HTMLDivElement | null>) {
  const { screenToFlowPosition } = useReactFlow<CanvasNode, CanvasEdge>();
  const [drop, setDrop] = useState<ConnectDrop | null>(null);

  const onConnectEnd: OnConnectEnd = useCallback(
    (event, state) => {
      // A line that reached a port, or that started at an input, is React Flow's business.
      if (state.isValid || state.toNode || !state.fromNode || state.fromHandle?.type !== 'source') return;
      const target = event.target instanceof Element ? event.target : null;
      // Only empty canvas: not a step's body, the controls or the overview map.
      if (!target?.closest('.react-flow') || target.closest('.react-flow__node, .react-flow__panel, .react-flow__edge')) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      const rect = canvas.current?.getBoundingClientRect();
      if (!point || !rect) return;
      const source = state.fromNode.id;
      const sourceHandle = state.fromHandle.id ?? null;
      setDrop({
        // The picker stays inside the canvas, even for a line dropped near its edge.
        screen: {
          x: Math.max(0, Math.min(point.clientX - rect.left, rect.width - PICKER.width)),
          y: Math.max(0, Math.min(point.clientY - rect.top, rect.height - PICKER.height)),
        },
        flow: screenToFlowPosition({ x: point.clientX, y: point.clientY }),
        from: { source, sourceHandle },
        portConnected: store.getState().edges.some((e) => e.source === source && (e.sourceHandle ?? null) === sourceHandle),
      });
    },
    [canvas, screenToFlowPosition, store],
  );

  const pick = useCallback(
    (item: PaletteItem) => {
      if (!drop) return;
      const at = { x: Math.round(drop.flow.x - HALF_NODE), y: Math.round(drop.flow.y) };
      store.getState().addConnectedNode({ type: item.type, config: item.config }, at, drop.from);
      setDrop(null);
    },
    [drop, store],
  );
  const close = useCallback(() => setDrop(null), []);

  return { drop, onConnectEnd, pick, close };
}
