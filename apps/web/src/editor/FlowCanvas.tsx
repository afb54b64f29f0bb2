import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  type ReactFlowState,
  type Connection,
  type NodeChange,
  type DefaultEdgeOptions,
  type IsValidConnection,
  type Viewport,
} from '@xyflow/react';
import { openingViewport } from './openingViewport.ts';
import { FarContext } from '../nodes/FarContext.ts';
import type { CanvasEdge, CanvasNode } from '../canvas/canvasTypes.ts';
import { nodeTypes } from '../nodes/nodeTypes.ts';
import { PALETTE_MIME } from '../palette/Palette.tsx';
import { paletteItem } from '../palette/paletteItems.ts';
import { ReplaceConnectionPrompt } from './ReplaceConnectionPrompt.tsx';
import { StepPicker } from '../palette/StepPicker.tsx';
import { NOTE_PALETTE_KEY } from '../palette/Palette.tsx';
import { NoteNode } from '../notes/NoteNode.tsx';
import { useNotesAutosave } from '../notes/useNotesAutosave.ts';
import { CanvasSearch } from './CanvasSearch.tsx';
import type { NoteNode as NoteNodeType } from './store/notesSlice.ts';
import { useConnectDrop } from './useConnectDrop.ts';
import { edgeShareLabel } from '../report/portShares.ts';
import { useEditorStore, useEditorStoreApi } from './store/EditorStoreContext.tsx';
import { useConfirmedConnect } from './useConfirmedConnect.ts';

// Module scope: React Flow compares these by identity.
const defaultEdgeOptions: DefaultEdgeOptions = {
  type: 'smoothstep',
  markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
  labelBgPadding: [6, 3],
  labelBgBorderRadius: 4,
};
// The steps' components and the notes'; React Flow compares this by identity too.
const canvasNodeTypes = { ...nodeTypes, note: NoteNode };
// A selected connection's arrow takes the accent colour of its line (see nodes.css).
const selectedMarker = { ...(defaultEdgeOptions.markerEnd as object), type: MarkerType.ArrowClosed, color: '#3b5bdb' };
const isNote = (id: string) => id.startsWith('note:');
const MINIMAP_COLORS: Record<string, string> = {
  note: '#f2d24b',
  trigger: '#7c3aed',
  wait: '#0891b2',
  waitFor: '#0e7490',
  sendEmail: '#2563eb',
  condition: '#d97706',
  split: '#c026d3',
  update: '#059669',
  handoff: '#dc2626',
  exit: '#6b7280',
};
const minimapColor = (n: { type?: string }) => MINIMAP_COLORS[n.type ?? ''] ?? '#999';
const fitViewOptions = { padding: 0.2, maxZoom: 1.2 };
const MIN_ZOOM = 0.05;
const FAR_ZOOM = 0.4;
const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

/** The canvas: React Flow over the editor store, with drops from the palette. */
export function FlowCanvas() {
  const store = useEditorStoreApi();
  const nodes = useEditorStore((s) => s.nodes);
  const storeEdges = useEditorStore((s) => s.edges);
  const takenEdges = useEditorStore((s) => s.simulation?.takenEdges);
  const forecastEdges = useEditorStore((s) => s.forecastCounts?.edges);
  const reportNodes = useEditorStore((s) => s.report?.nodes);
  // Zoomed far out the text is unreadable anyway: nodes are drawn as coloured boxes, and edges
  // without their labels (the browser measures every label it draws), which keeps 1,000 nodes fluid.
  const far = useStore(isFar);
  // A simulation shows on the edges through their class, a forecast or the report ("all time")
  // through their label; the document's edges stay as they are.
  const edges = useMemo(() => {
    if (!takenEdges && !forecastEdges && !reportNodes && !far) return storeEdges.map((e) => (e.selected ? { ...e, markerEnd: selectedMarker } : e));
    return storeEdges.map((e) => ({
      ...e,
      ...(e.selected ? { markerEnd: selectedMarker } : {}),
      ...(takenEdges ? { className: takenEdges[e.id] ? 'is-sim-taken' : 'is-sim-dimmed' } : {}),
      ...(reportNodes && !forecastEdges ? edgeShareLabel(reportNodes[e.source], e.sourceHandle) : {}),
      ...(forecastEdges ? { label: `${e.label ? `${String(e.label)}: ` : ''}${forecastEdges[e.id] ?? 0}` } : {}),
      ...(far ? { label: undefined } : {}),
    }));
  }, [storeEdges, takenEdges, forecastEdges, reportNodes, far]);
  // Notes are drawn with the steps but kept apart from them: the flow document never holds them.
  const notes = useEditorStore((s) => s.notes);
  const shown = useMemo<(CanvasNode | NoteNodeType)[]>(() => (notes.length ? [...nodes, ...notes] : nodes), [nodes, notes]);
  const onStepChanges = useEditorStore((s) => s.onNodesChange);
  const onNoteChanges = useEditorStore((s) => s.onNoteChanges);
  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode | NoteNodeType>[]) => {
      const notes = changes.filter((c) => 'id' in c && isNote(c.id)) as NodeChange<NoteNodeType>[];
      if (notes.length) onNoteChanges(notes);
      onStepChanges(notes.length ? (changes.filter((c) => !('id' in c) || !isNote(c.id)) as NodeChange<CanvasNode>[]) : (changes as NodeChange<CanvasNode>[]));
    },
    [onStepChanges, onNoteChanges],
  );
  const onEdgesChange = useEditorStore((s) => s.onEdgesChange);
  const beginMove = useEditorStore((s) => s.beginMove);
  const endMove = useEditorStore((s) => s.endMove);
  const focus = useEditorStore((s) => s.focus);
  const empty = nodes.length === 0;
  // Fit the view to the flow once when it opens; an empty flow keeps its view, so that the first
  // step dropped stays where it was dropped instead of the view jumping to it.
  const [fitOnOpen] = useState(() => store.getState().nodes.length > 0);
  // A flow with saved positions opens at its fitted view straight away (see openingViewport);
  // one without (laid out after opening) is fitted by React Flow once drawn.
  const canvas = useRef<HTMLDivElement>(null);
  const [openView, setOpenView] = useState<Viewport | null | undefined>(undefined);
  useLayoutEffect(() => {
    const { nodes } = store.getState();
    const el = canvas.current;
    const positioned = fitOnOpen && nodes.every((n) => n.data.positioned);
    setOpenView(
      positioned && el
        ? openingViewport(
            nodes.map((n) => n.position),
            el.clientWidth,
            el.clientHeight,
            { minZoom: MIN_ZOOM, ...fitViewOptions },
          )
        : null,
    );
  }, [store, fitOnOpen]);
  const { screenToFlowPosition, fitView } = useReactFlow();
  const notesError = useNotesAutosave(store, store.getState().meta.id);
  const connectDrop = useConnectDrop(store, canvas);
  // Where the pointer is on the canvas, for a paste to go there.
  const trackPointer = useCallback(
    (e: { clientX: number; clientY: number }) => {
      store.getState().pointer.at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
    },
    [screenToFlowPosition, store],
  );

  const { onConnect, pending, replace, keep } = useConfirmedConnect(store);
  const isValidConnection: IsValidConnection<CanvasEdge> = useCallback(
    (c: CanvasEdge | Connection) => {
      const { nodes } = store.getState();
      const target = nodes.find((n) => n.id === c.target);
      return target !== undefined && target.type !== 'trigger';
    },
    [store],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const key = e.dataTransfer.getData(PALETTE_MIME);
      const at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      if (key === NOTE_PALETTE_KEY) {
        e.preventDefault();
        store.getState().addNote({ x: Math.round(at.x - 100), y: Math.round(at.y - 15) });
        return;
      }
      const item = paletteItem(key);
      if (!item) return;
      e.preventDefault();
      // The node's top centre lands under the pointer.
      store.getState().addNode({ type: item.type, config: item.config }, { x: Math.round(at.x - 120), y: Math.round(at.y - 20) });
    },
    [screenToFlowPosition, store],
  );

  useEffect(() => {
    if (focus) void fitView({ nodes: [{ id: focus.nodeId }], duration: 300, maxZoom: 1.2, padding: 0.5 });
  }, [focus, fitView]);

  return (
    <div
      className={`hg-canvas${far ? ' hg-canvas--far' : ''}`}
      data-testid="canvas"
      ref={canvas}
      onPointerMove={trackPointer}
      onWheel={trackPointer}
      onPointerLeave={() => (store.getState().pointer.at = null)}
    >
      <FarContext.Provider value={far}>
        {openView !== undefined && (
          <ReactFlow<CanvasNode | NoteNodeType, CanvasEdge>
            nodes={shown}
            edges={edges}
            nodeTypes={canvasNodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onConnectEnd={connectDrop.onConnectEnd}
            isValidConnection={isValidConnection}
            onNodeDragStart={beginMove}
            onNodeDragStop={endMove}
            onSelectionDragStart={beginMove}
            onSelectionDragStop={endMove}
            onDrop={onDrop}
            onDragOver={onDragOver}
            // Deleting goes through the store (one undo step for nodes and their edges).
            deleteKeyCode={null}
            defaultEdgeOptions={defaultEdgeOptions}
            fitView={fitOnOpen && openView === null}
            {...(openView ? { defaultViewport: openView } : {})}
            fitViewOptions={fitViewOptions}
            minZoom={MIN_ZOOM}
            maxZoom={2}
            onlyRenderVisibleElements
            connectionRadius={30}
            aria-label="Flow canvas"
          >
            <Background gap={24} />
            <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="Overview of the flow" />
            <Controls fitViewOptions={fitViewOptions} />
          </ReactFlow>
        )}
      </FarContext.Provider>
      {pending && <ReplaceConnectionPrompt target={pending.target} replace={replace} keep={keep} />}
      <CanvasSearch />
      {connectDrop.drop && (
        <StepPicker at={connectDrop.drop.screen} portConnected={connectDrop.drop.portConnected} onPick={connectDrop.pick} onClose={connectDrop.close} />
      )}
      {notesError && (
        <p className="hg-canvas__notice hg-error-text" role="alert">
          {notesError}
        </p>
      )}
      {empty && (
        <div className="hg-canvas__empty" data-testid="canvas-empty">
          <p>
            <strong>This flow is empty.</strong>
          </p>
          <p>
            Drag a <em>Trigger</em> from the left onto the canvas to say who enters, then add the steps that follow.
          </p>
        </div>
      )}
    </div>
  );
}
