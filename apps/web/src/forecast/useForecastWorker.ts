import { useCallback, useEffect, useRef, useState } from 'react';
import type { Forecast } from '@hourglass/documents';
import { ForecastCollector, workerCount, type ForecastOrder, type ForecastReply, type ForecastRequest } from './forecastCollector.ts';

export type ForecastRun =
  | { state: 'idle' }
  | { state: 'running'; done: number; total: number; workers: number }
  | { state: 'done'; forecast: Forecast; workers: number }
  | { state: 'failed'; message: string };

/** Contacts per range handed to a worker: a progress step of a few tens of milliseconds. */
const CHUNK = 500;

/**
 * Runs forecasts on one Web Worker per core, one forecast at a time: starting another (or
 * unmounting, or cancelling) stops every worker of the last.
 */
export function useForecastWorker() {
  const [run, setRun] = useState<ForecastRun>({ state: 'idle' });
  const workers = useRef<Worker[]>([]);
  const stop = useCallback(() => {
    for (const w of workers.current) w.terminate();
    workers.current = [];
  }, []);
  useEffect(() => stop, [stop]);

  const start = useCallback(
    (request: ForecastRequest) => {
      stop();
      const collector = new ForecastCollector(request, CHUNK);
      const count = workerCount(request.contacts, navigator.hardwareConcurrency || 1, CHUNK);
      setRun({ state: 'running', done: 0, total: request.contacts, workers: count });
      const fail = (message: string) => {
        stop();
        setRun({ state: 'failed', message });
      };
      const mine: Worker[] = [];
      const feed = (w: Worker) => {
        const range = collector.take();
        if (range) w.postMessage({ type: 'range', ...range } satisfies ForecastOrder);
      };
      for (let i = 0; i < count; i++) {
        const w = new Worker(new URL('./forecastWorker.ts', import.meta.url), { type: 'module' });
        mine.push(w);
        w.onmessage = (e: MessageEvent<ForecastReply>) => {
          const m = e.data;
          if (m.type === 'error') return fail(m.message);
          const done = collector.add(m.from, m.to, m.tally);
          if (collector.complete) {
            stop();
            setRun({ state: 'done', forecast: collector.document(), workers: count });
          } else {
            setRun({ state: 'running', done, total: request.contacts, workers: count });
            feed(w);
          }
        };
        w.onerror = (e) => fail(e.message || 'A forecast worker stopped.');
        w.postMessage({ type: 'options', options: request } satisfies ForecastOrder);
        feed(w);
      }
      workers.current = mine;
    },
    [stop],
  );

  const cancel = useCallback(() => {
    stop();
    setRun({ state: 'idle' });
  }, [stop]);

  return { run, start, cancel };
}
