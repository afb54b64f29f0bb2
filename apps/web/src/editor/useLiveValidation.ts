import { useEffect } from 'react';
import { templateVariableProblems, validateForPublishing } from '@hourglass/documents';
import { canvasToFlow } from '../canvas/canvasToFlow.ts';
import { overlapProblems } from '../problems/overlapProblems.ts';
import type { CanvasEdge, CanvasNode } from '../canvas/canvasTypes.ts';
import type { EditorStore } from './store/createEditorStore.ts';

const DEBOUNCE_MS = 150;

// Moving, measuring or selecting does not change what validation sees, so it need not run again
// (it matters on a canvas of 1,000 nodes, where a drag changes the nodes on every frame).
const sameNodes = (a: readonly CanvasNode[], b: readonly CanvasNode[]) =>
  a === b || (a.length === b.length && a.every((n, i) => n.id === b[i]!.id && n.data === b[i]!.data));
const sameEdges = (a: readonly CanvasEdge[], b: readonly CanvasEdge[]) =>
  a === b || (a.length === b.length && a.every((e, i) => e.source === b[i]!.source && e.target === b[i]!.target && e.sourceHandle === b[i]!.sourceHandle));

/**
 * Runs validation in the browser while the marketer edits — spec §5 as publishing applies it (a
 * step no trigger reaches is an error) — and puts the problems in the store, with the server's
 * warnings about triggers shared with other live flows and, once the property names the workspace
 * knows are loaded (null while it has no contact), the warnings about email variables that name none of them.
 */
export function useLiveValidation(store: EditorStore, knownProperties?: readonly string[] | null): void {
  useEffect(() => {
    let seen = store.getState();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      const state = store.getState();
      seen = state;
      const flow = canvasToFlow(state);
      const variables = knownProperties ? templateVariableProblems(flow, knownProperties) : [];
      state.setProblems([...validateForPublishing(flow).problems, ...variables, ...overlapProblems(flow, state.triggerOverlaps)]);
    };
    run();
    const unsubscribe = store.subscribe((state) => {
      if (
        state.meta === seen.meta &&
        state.triggerOverlaps === seen.triggerOverlaps &&
        sameNodes(state.nodes, seen.nodes) &&
        sameEdges(state.edges, seen.edges)
      )
        return;
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, knownProperties]);
}
