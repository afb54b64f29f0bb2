import { useEffect } from 'react';
import { usePublishCheck } from '../api/usePublishCheck.ts';
import type { EditorStore } from './store/createEditorStore.ts';

const NONE: never[] = [];

/** Puts the server's list of triggers shared with other live flows in the store, for the problems panel. */
export function useTriggerOverlaps(store: EditorStore, flowId: string): void {
  const overlaps = usePublishCheck(flowId).data?.overlaps ?? NONE;
  useEffect(() => store.getState().setTriggerOverlaps(overlaps), [store, overlaps]);
}
