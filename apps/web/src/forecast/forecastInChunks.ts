import type { Forecast } from '@hourglass/documents';
import { emptyTally, forecastDocument, forecastRange, type ForecastOptions } from '@hourglass/engine';

/** What the page sends the forecast worker: the options of `forecast` without the callback. */
export type ForecastRequest = Omit<ForecastOptions, 'onProgress'>;

/** What the forecast worker posts back. */
export type ForecastMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; forecast: Forecast }
  | { type: 'error'; message: string };

/**
 * Runs a forecast a chunk of contacts at a time, reporting after each. The same engine function
 * over the same contact indices as `hourglass forecast`, so one seed gives the same numbers.
 */
export function forecastInChunks(options: ForecastRequest, chunk: number, onProgress: (done: number, total: number) => void): Forecast {
  const tally = emptyTally(options.flow);
  for (let from = 0; from < options.contacts; from += chunk) {
    const to = Math.min(options.contacts, from + chunk);
    forecastRange(options, from, to, tally);
    onProgress(to, options.contacts);
  }
  return forecastDocument(options.flow, tally, options.seed);
}
