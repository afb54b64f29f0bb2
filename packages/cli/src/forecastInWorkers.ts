import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { emptyTally, forecast, forecastDocument, mergeTally, type ForecastOptions, type ForecastTally } from '@hourglass/engine';
import type { Forecast } from '@hourglass/documents';

/**
 * Runs a forecast on every core: each worker takes a range of the synthetic contacts, and since
 * a contact's numbers depend only on the seed and its index, the merged result is exactly what
 * one thread computes. Small forecasts stay in this thread (starting workers costs more).
 */
export async function forecastInWorkers(options: ForecastOptions): Promise<Forecast> {
  const threads = Math.min(availableParallelism(), Math.ceil(options.contacts / 2000));
  if (threads <= 1) return forecast(options);
  const { onProgress, ...plain } = options;
  const per = Math.ceil(options.contacts / threads);
  const done = new Array<number>(threads).fill(0);
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, k) => {
      const from = k * per;
      const to = Math.min(options.contacts, from + per);
      return new Promise<ForecastTally>((resolve, reject) => {
        const worker = new Worker(new URL('../bin/forecast-worker.js', import.meta.url), { workerData: { options: plain, from, to } });
        worker.on('message', (m: { type: 'progress'; done: number } | { type: 'tally'; tally: ForecastTally }) => {
          if (m.type === 'progress') {
            done[k] = m.done;
            onProgress?.(done.reduce((a, b) => a + b, 0), options.contacts);
          } else resolve(m.tally);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => code !== 0 && reject(new Error(`a forecast worker stopped with code ${code}`)));
      });
    }),
  );
  const tally = parts.reduce((all, part) => mergeTally(all, part), emptyTally(options.flow));
  return forecastDocument(options.flow, tally, options.seed);
}
