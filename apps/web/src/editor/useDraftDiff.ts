import { useEffect, useMemo, useState } from 'react';
import { diffFlows, isEmptyDiff, type Flow, type FlowDiff } from '@hourglass/documents';
import { useFlowVersion } from '../api/useFlowVersion.ts';
import { canvasToFlow } from '../canvas/canvasToFlow.ts';
import { prepareDraft } from '../canvas/prepareDraft.ts';
import type { EditorStore } from './store/createEditorStore.ts';

const DEBOUNCE_MS = 150;

/** The draft in the editor against the live version: what publishing would change. */
export interface DraftChanges {
  version: number;
  live: Flow;
  draft: Flow;
  diff: FlowDiff;
  /** False when the draft is the live version again (moved steps aside): publishing is refused. */
  differs: boolean;
}

/**
 * Compares the draft with the version new contacts enter, again a moment after every edit; null
 * while there is nothing to compare with (never published, or the version is still loading).
 */
export function useDraftDiff(store: EditorStore, flowId: string, liveVersion: number | null): DraftChanges | null {
  const version = useFlowVersion(flowId, liveVersion);
  // Stored versions are documents as saved; read them as the editor reads drafts.
  const live = useMemo(() => (version.data ? { version: version.data.version, flow: prepareDraft(version.data.flow).flow } : null), [version.data]);
  const [changes, setChanges] = useState<DraftChanges | null>(null);
  useEffect(() => {
    if (!live) {
      setChanges(null);
      return;
    }
    const compare = () => {
      const draft = canvasToFlow(store.getState());
      const diff = diffFlows(live.flow, draft);
      setChanges({ version: live.version, live: live.flow, draft, diff, differs: !isEmptyDiff(diff) });
    };
    compare();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let revision = store.getState().revision;
    const unsubscribe = store.subscribe((state) => {
      if (state.revision === revision) return;
      revision = state.revision;
      clearTimeout(timer);
      timer = setTimeout(compare, DEBOUNCE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, live]);
  return changes;
}
