// One forecast worker thread: runs the chunks of synthetic contacts it is given, then posts its
// tally (see forecastInWorkers).
import { parentPort, workerData } from 'node:worker_threads';
import { forecastRange, type ForecastOptions, type ForecastTally } from '@hourglass/engine';
import type { WorkerMessage, WorkerOrder } from './forecastInWorkers.ts';

const { options } = workerData as { options: Omit<ForecastOptions, 'onProgress'> };
const port = parentPort!;
let tally: ForecastTally | undefined;
const say = (m: WorkerMessage) => port.postMessage(m);
port.on('message', (order: WorkerOrder) => {
  if (order.type === 'finish') {
    say({ type: 'tally', tally });
    port.close();
    return;
  }
  tally = forecastRange(options, order.from, order.to, tally);
  say({ type: 'ready', done: order.to - order.from });
});
say({ type: 'ready', done: 0 });
