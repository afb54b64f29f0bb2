// The forecast in a Web Worker, so that the editor stays responsive while thousands of synthetic
// contacts go through the flow.
import { forecastInChunks, type ForecastMessage, type ForecastRequest } from './forecastInChunks.ts';

// Typed by hand: the app is compiled with the DOM library, not the WebWorker one.
const scope = self as unknown as { postMessage: (m: ForecastMessage) => void; onmessage: ((e: MessageEvent<ForecastRequest>) => void) | null };

const CHUNK = 50;

scope.onmessage = (e) => {
  try {
    const forecast = forecastInChunks(e.data, CHUNK, (done, total) => scope.postMessage({ type: 'progress', done, total }));
    scope.postMessage({ type: 'done', forecast });
  } catch (err) {
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
