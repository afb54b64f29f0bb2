import { useEffect } from 'react';
import { useFlowEnrolments } from '../api/useFlowEnrolments.ts';
import type { EditorStore } from './store/createEditorStore.ts';

/** Polls how many contacts wait on each node of a published flow and shows it on the canvas. */
export function useLiveCounts(store: EditorStore, flowId: string, published: boolean) {
  const enrolments = useFlowEnrolments(flowId, published);
  const counts = published ? enrolments.data?.counts ?? null : null;
  useEffect(() => store.getState().setLiveCounts(counts), [store, counts]);
  return enrolments;
}
