import { useCallback, useSyncExternalStore } from 'react';
import { DEFAULT_SAMPLE, type SampleContact } from './sampleContact.ts';

// One sample contact for every email of the session, so it survives switching between nodes.
let current: SampleContact = DEFAULT_SAMPLE;
const listeners = new Set<() => void>();

/** The sample contact of the email preview and a way to change it. */
export function useSampleContact(): [SampleContact, (next: SampleContact) => void] {
  const sample = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
  const set = useCallback((next: SampleContact) => {
    current = next;
    listeners.forEach((l) => l());
  }, []);
  return [sample, set];
}
