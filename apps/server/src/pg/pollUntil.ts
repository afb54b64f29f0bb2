/** The longest a request waiting for the workers waits before looking again (ms). */
const MAX_POLL_MS = 50;

/**
 * Waits until `busy` says no — the workers applied what a request waits for, whichever of them
 * did — telling this process's worker there is work (`kick`) and looking again after 1 ms,
 * doubling up to 50 ms.
 */
export async function pollUntil(busy: () => Promise<boolean>, kick: () => void): Promise<void> {
  for (let wait = 1; await busy(); wait = Math.min(wait * 2, MAX_POLL_MS)) {
    kick();
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
