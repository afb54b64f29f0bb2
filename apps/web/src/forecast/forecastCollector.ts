import type { Forecast } from '@hourglass/documents';
import { emptyTally, forecastDocument, mergeTally, type ForecastOptions, type ForecastTally } from '@hourglass/engine';

/** What the page sends a forecast worker: the options of `forecast` without the callback. */
export type ForecastRequest = Omit<ForecastOptions, 'onProgress'>;

/** What the page tells a forecast worker: the options once, then contact ranges to run. */
export type ForecastOrder = { type: 'options'; options: ForecastRequest } | { type: 'range'; from: number; to: number };

/** What a forecast worker posts back: the tally of one range, or why it failed. */
export type ForecastReply = { type: 'tally'; from: number; to: number; tally: ForecastTally } | { type: 'error'; message: string };

/**
 * Shares a forecast out in ranges of contacts and collects the tallies that come back, in any
 * order, from any number of workers. A contact's numbers depend only on the seed and its index
 * and tallies add up, so the document is exactly `hourglass forecast`'s for the same seed.
 */
export class ForecastCollector {
  private next = 0;
  private done = 0;
  private readonly tally: ForecastTally;

  constructor(
    private readonly request: ForecastRequest,
    private readonly chunk: number,
  ) {
    this.tally = emptyTally(request.flow);
  }

  /** The next range to hand out, or undefined when every contact has been handed out. */
  take(): { from: number; to: number } | undefined {
    if (this.next >= this.request.contacts) return undefined;
    const from = this.next;
    this.next = Math.min(this.request.contacts, from + this.chunk);
    return { from, to: this.next };
  }

  /** Adds a range's tally; returns how many contacts are done. */
  add(from: number, to: number, tally: ForecastTally): number {
    mergeTally(this.tally, tally);
    this.done += to - from;
    return this.done;
  }

  get complete(): boolean {
    return this.done >= this.request.contacts;
  }

  document(): Forecast {
    return forecastDocument(this.request.flow, this.tally, this.request.seed);
  }
}

/** How many workers a forecast of `contacts` is worth: one per core, at least a chunk each. */
export function workerCount(contacts: number, cores: number, chunk: number): number {
  return Math.max(1, Math.min(cores, 8, Math.ceil(contacts / chunk)));
}
