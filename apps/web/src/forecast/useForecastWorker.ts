import { useCallback, useEffect, useRef, useState } from 'react';
import type { Forecast } from '@hourglass/documents';
import type { ForecastMessage, ForecastRequest } from './forecastInChunks.ts';

export type ForecastRun =
  | { state: 'idle' }
  | { state: 'running'; done: number; total: number }
  | { state: 'done'; forecast: Forecast }
  | { state: 'failed'; message: string };

/** Runs forecasts in a Web Worker, one at a time: starting another (or unmounting) stops the last. */
export function useForecastWorker() {
  const [run, setRun] = useState<ForecastRun>({ state: 'idle' });
  const worker = useRef<Worker | null>(null);
  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const start = useCallback((request: ForecastRequest) => {
    stop();
    const w = new Worker(new URL('./forecastWorker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    setRun({ state: 'running', done: 0, total: request.contacts });
    w.onmessage = (e: MessageEvent<ForecastMessage>) => {
      const m = e.data;
      if (m.type === 'progress') setRun({ state: 'running', done: m.done, total: m.total });
      else {
        setRun(m.type === 'done' ? { state: 'done', forecast: m.forecast } : { state: 'failed', message: m.message });
        stop();
      }
    };
    w.onerror = (e) => {
      setRun({ state: 'failed', message: e.message || 'The forecast worker stopped.' });
      stop();
    };
    w.postMessage(request);
  }, [stop]);

  const cancel = useCallback(() => {
    stop();
    setRun({ state: 'idle' });
  }, [stop]);

  return { run, start, cancel };
}
