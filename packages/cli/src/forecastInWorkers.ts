import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { emptyTally, forecastDocument, forecastRange, mergeTally, type ForecastOptions, type ForecastTally } from '@hourglass/engine';
import type { Forecast } from '@hourglass/documents';

/** Contacts per piece of work: small enough to share out evenly, large enough to cost little. */
const CHUNK = 1000;

/** What a forecast worker says: it is ready for (more) contacts, or here is its tally. */
export type WorkerMessage = { type: 'ready'; done: number } | { type: 'tally'; tally: ForecastTally | undefined };
/** What a forecast worker is told: run these contacts, or send the tally and stop. */
export type WorkerOrder = { type: 'range'; from: number; to: number } | { type: 'finish' };

/**
 * Runs a forecast on every core. The contacts are cut into chunks that this thread and one
 * worker per other core take in turn, so this thread works while the workers are still starting
 * (loading the sources takes most of a second) and a slow core does fewer chunks. A contact's
 * numbers depend only on the seed and its index, and tallies add up, so the result is exactly
 * what one thread computes however the chunks fall.
 */
export async function forecastInWorkers(options: ForecastOptions): Promise<Forecast> {
  const total = options.contacts;
  const workers = Math.min(availableParallelism() - 1, Math.ceil(total / (4 * CHUNK)) - 1);
  const { onProgress, ...plain } = options;
  let next = 0;
  let done = 0;
  const take = (): [number, number] | undefined => (next < total ? [next, (next = Math.min(total, next + CHUNK))] : undefined);
  const report = (n: number) => {
    done += n;
    onProgress?.(done, total);
  };

  const parts = Array.from(
    { length: Math.max(0, workers) },
    () =>
      new Promise<ForecastTally | undefined>((resolve, reject) => {
        const worker = new Worker(new URL('../bin/forecast-worker.js', import.meta.url), { workerData: { options: plain } });
        worker.on('message', (m: WorkerMessage) => {
          if (m.type === 'tally') return resolve(m.tally);
          if (m.done) report(m.done);
          const range = take();
          worker.postMessage((range ? { type: 'range', from: range[0], to: range[1] } : { type: 'finish' }) satisfies WorkerOrder);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => code !== 0 && reject(new Error(`a forecast worker stopped with code ${code}`)));
      }),
  );

  const tally = emptyTally(options.flow);
  for (let range = take(); range; range = take()) {
    forecastRange(options, range[0], range[1], tally);
    report(range[1] - range[0]);
    await nextTurn(); // let the workers' messages in
  }
  for (const part of await Promise.all(parts)) if (part) mergeTally(tally, part);
  return forecastDocument(options.flow, tally, options.seed);
}
