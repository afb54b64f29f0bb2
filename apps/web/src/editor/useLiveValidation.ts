import { useEffect } from 'react';
import { templateVariableProblems, validateFlow } from '@hourglass/documents';
import { canvasToFlow } from '../canvas/canvasToFlow.ts';
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
 * Runs spec §5 validation in the browser while the marketer edits, and puts the problems in the
 * store; with the property names the workspace knows (`knownProperties`, once loaded; null while
 * it has no contact), also the warnings about email variables that name none of them
 * (`templateVariableProblems`).
 */
export function useLiveValidation(store: EditorStore, knownProperties?: readonly string[] | null): void {
  useEffect(() => {
    let seen = store.getState();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      const state = store.getState();
      seen = state;
      const flow = canvasToFlow(state);
      const problems = validateFlow(flow).problems;
      state.setProblems(knownProperties ? problems.concat(templateVariableProblems(flow, knownProperties)) : problems);
    };
    run();
    const unsubscribe = store.subscribe((state) => {
      if (state.meta === seen.meta && sameNodes(state.nodes, seen.nodes) && sameEdges(state.edges, seen.edges)) return;
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, knownProperties]);
}
