// One forecast worker thread: runs its share of the synthetic contacts and posts the tally.
import { parentPort, workerData } from 'node:worker_threads';
import { forecastRange, type ForecastOptions } from '@hourglass/engine';

const { options, from, to } = workerData as { options: Omit<ForecastOptions, 'onProgress'>; from: number; to: number };
const chunk = 500;
let tally;
for (let start = from; start < to; start += chunk) {
  tally = forecastRange(options, start, Math.min(to, start + chunk), tally);
  parentPort!.postMessage({ type: 'progress', done: Math.min(to, start + chunk) - from });
}
parentPort!.postMessage({ type: 'tally', tally });
