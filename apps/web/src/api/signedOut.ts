import { useSyncExternalStore } from 'react';

// Set when the server answers 401: the app then shows how to sign in instead of empty pages.
let signedOut = false;
const listeners = new Set<() => void>();

export function markSignedOut(): void {
  if (signedOut) return;
  signedOut = true;
  listeners.forEach((l) => l());
}

export function useSignedOut(): boolean {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => signedOut,
  );
}
