import type { Runtime } from './runtime.ts';

/** A catch-up running in the background; `stop` ends it after the slice in progress. */
export interface CatchUp { stop(): void }

/**
 * Works off the events a stop left in the inbox, one slice (one transaction) per turn of the
 * event loop, so the server answers requests while it catches up. The inbox is first in, first
 * out, so these events still go before any accepted after the start; timers wait for them
 * (`Runtime.fireDue` never fires past a waiting event). `done` is called once the inbox is
 * empty, `failed` if a slice throws (the rest stays in the inbox for the next start).
 */
export function catchUpInbox(runtime: Runtime, { done, failed }: { done: () => void; failed: (e: unknown) => void }): CatchUp {
  let stopped = false;
  const step = () => {
    if (stopped) return;
    try {
      if (runtime.processInbox() === 0) return done();
    } catch (e) {
      return failed(e);
    }
    setImmediate(step);
  };
  setImmediate(step);
  return { stop: () => { stopped = true; } };
}
