import type { Accepted, IncomingEvent, Runtime } from './runtime.ts';

type Outcome = { accepted: number; duplicates: number };

/**
 * How a client wants its events answered: `processed` once they have gone through the flows (the
 * default), `accepted` once they are durable in the inbox ("Prefer: respond-async").
 */
export type AnswerWhen = 'processed' | 'accepted';

/** Inbox events per slice while requests keep coming in (one slice every few turns), and after. */
const SLICE_UNDER_LOAD = 8;
const BUSY_TURNS_PER_SLICE = 8;
const SLICE = 64;

interface Waiting { last: number; outcome: Outcome; resolve: (o: Outcome) => void; reject: (e: Error) => void }

/**
 * Event ingestion in two steps. Requests that arrive while the event loop is busy are accepted
 * together into the inbox in one transaction on the next turn (group commit: one disk sync for
 * all of them). The inbox is then processed in arrival order in slices between requests: while
 * requests keep coming, a short slice every few turns (answering stays fast and the inbox takes
 * the burst), longer slices once they stop. A request is answered after the commit that holds
 * its events if it asked for the answer on acceptance, otherwise once they are processed.
 */
export class EventQueue {
  private pending: { events: readonly IncomingEvent[]; when: AnswerWhen; resolve: (o: Outcome) => void; reject: (e: Error) => void }[] = [];
  private waiting: Waiting[] = [];
  private scheduled = false;
  private draining = false;
  /** Requests came in since the last slice: the next slice is short, so answers keep flowing. */
  private busy = false;
  private busyTurns = 0;

  constructor(private readonly runtime: Runtime, private readonly log: (message: string) => void = (m) => console.error(m)) {}

  submit(events: readonly IncomingEvent[], when: AnswerWhen = 'processed'): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ events, when, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    setImmediate(() => this.step());
  }

  private flush() {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    let outcomes: (Accepted | Error)[];
    try {
      outcomes = this.runtime.accept(batch.map((r) => r.events));
    } catch (e) {
      for (const r of batch) r.reject(e as Error);
      return;
    }
    this.busy = true;
    batch.forEach((r, i) => {
      const o = outcomes[i]!;
      if (o instanceof Error) return r.reject(o);
      const outcome = { accepted: o.accepted, duplicates: o.duplicates };
      if (r.when === 'accepted' || o.last === 0) r.resolve(outcome);
      else this.waiting.push({ last: o.last, outcome, resolve: r.resolve, reject: r.reject });
    });
    this.drain();
  }

  /** One slice of the inbox, then the answers it allows, then the next slice on a later turn. */
  private step() {
    let upTo: number;
    let more: boolean;
    try {
      const busy = this.busy || this.pending.length > 0;
      this.busy = false;
      // Under load, a short slice every few turns: answering requests comes first.
      if (busy && ++this.busyTurns % BUSY_TURNS_PER_SLICE !== 0) {
        setImmediate(() => this.step());
        return;
      }
      upTo = this.runtime.processInbox(busy ? SLICE_UNDER_LOAD : SLICE);
      more = upTo !== 0 && this.runtime.inboxWaiting();
    } catch (e) {
      // The database failed: those waiting get the error; the line stays in the inbox for the
      // next request (or the next start) to take up.
      this.log(`Processing the inbox failed: ${(e as Error).message}`);
      for (const w of this.waiting.splice(0)) w.reject(e as Error);
      this.draining = false;
      return;
    }
    // With the inbox empty, everything accepted so far has been processed.
    const done = more ? this.waiting.filter((w) => w.last <= upTo) : this.waiting.splice(0);
    if (more) this.waiting = this.waiting.filter((w) => w.last > upTo);
    for (const w of done) w.resolve(w.outcome);
    if (more) setImmediate(() => this.step());
    else this.draining = false;
  }
}
