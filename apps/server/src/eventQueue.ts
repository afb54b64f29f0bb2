import type { IncomingEvent, Runtime } from './runtime.ts';

type Outcome = { accepted: number; duplicates: number };

/**
 * Group commit for event requests: requests that arrive while the event loop is busy are
 * ingested together in one transaction on the next turn, so concurrent clients share one disk
 * sync instead of paying one each. Each request still commits atomically and gets its own
 * answer (or error); nobody is answered before the commit that holds their events.
 */
export class EventQueue {
  private pending: { events: readonly IncomingEvent[]; resolve: (o: Outcome) => void; reject: (e: Error) => void }[] = [];
  private scheduled = false;

  constructor(private readonly runtime: Runtime) {}

  submit(events: readonly IncomingEvent[]): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ events, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush() {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    let outcomes: (Outcome | Error)[];
    try {
      outcomes = this.runtime.ingestRequests(batch.map((r) => r.events));
    } catch (e) {
      for (const r of batch) r.reject(e as Error);
      return;
    }
    batch.forEach((r, i) => {
      const o = outcomes[i]!;
      if (o instanceof Error) r.reject(o);
      else r.resolve(o);
    });
  }
}
