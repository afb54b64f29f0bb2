import { useCallback, useEffect, useRef, useState } from 'react';
import type { Flow } from '@hourglass/documents';
import { errorMessage } from '../api/apiClient.ts';
import { canvasToFlow } from '../canvas/canvasToFlow.ts';
import type { EditorStore } from './store/createEditorStore.ts';

const DEBOUNCE_MS = 800;

export type SaveStatus = { state: 'saved' } | { state: 'unsaved' } | { state: 'saving' } | { state: 'error'; message: string };

/**
 * Saves the draft a moment after the marketer stops changing it. One save at a time; changes made
 * during a save are saved right after. `flush` saves now (before publishing, when leaving).
 */
export function useAutosave(store: EditorStore, save: (flow: Flow) => Promise<unknown>) {
  const [status, setStatus] = useState<SaveStatus>({ state: 'saved' });
  const savedRevision = useRef(store.getState().revision);
  const running = useRef<Promise<boolean> | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;

  const flush = useCallback(async (): Promise<boolean> => {
    while (running.current) await running.current;
    const state = store.getState();
    if (state.revision === savedRevision.current) return true;
    const revision = state.revision;
    setStatus({ state: 'saving' });
    const attempt = saveRef.current(canvasToFlow(state)).then(
      () => {
        savedRevision.current = revision;
        setStatus(store.getState().revision === revision ? { state: 'saved' } : { state: 'unsaved' });
        return true;
      },
      (e: unknown) => {
        setStatus({ state: 'error', message: errorMessage(e) });
        return false;
      },
    );
    running.current = attempt;
    const ok = await attempt;
    running.current = null;
    return ok;
  }, [store]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let revision = store.getState().revision;
    const unsubscribe = store.subscribe((state) => {
      if (state.revision === revision) return;
      revision = state.revision;
      setStatus((s) => (s.state === 'saving' ? s : { state: 'unsaved' }));
      clearTimeout(timer);
      // A drag saves when it ends, not in the middle.
      timer = setTimeout(function later() {
        if (store.getState().moving) timer = setTimeout(later, DEBOUNCE_MS);
        else void flush();
      }, DEBOUNCE_MS);
    });
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (store.getState().revision !== savedRevision.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      unsubscribe();
      window.removeEventListener('beforeunload', beforeUnload);
      clearTimeout(timer);
      // Leaving the editor within the app: save what is pending.
      if (store.getState().revision !== savedRevision.current) void flush();
    };
  }, [store, flush]);

  return { status, flush };
}
