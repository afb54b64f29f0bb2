import { useEffect } from 'react';
import type { EditorStore } from './store/createEditorStore.ts';

// Time for React Flow to measure the nodes it draws; nodes it does not draw (off screen) are laid
// out with a default size.
const MEASURE_MS = 300;

/**
 * A flow whose nodes have no positions (written by hand, or by another tool) is laid out once
 * when it opens. It is not an undoable step: the marketer did not do it.
 */
export function useInitialLayout(store: EditorStore, layout: () => Promise<void>): void {
  useEffect(() => {
    if (store.getState().nodes.every((n) => n.data.positioned)) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      void layout().then(() => {
        if (!cancelled) store.setState({ past: [] });
      });
    }, MEASURE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [store, layout]);
}
