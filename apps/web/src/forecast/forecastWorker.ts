// A forecast worker: runs the contact ranges it is given (see ForecastCollector) off the main
// thread, so the editor stays responsive while thousands of synthetic contacts go through the flow.
import { forecastRange } from '@hourglass/engine';
import type { ForecastOrder, ForecastReply, ForecastRequest } from './forecastCollector.ts';

// Typed by hand: the app is compiled with the DOM library, not the WebWorker one.
const scope = self as unknown as { postMessage: (m: ForecastReply) => void; onmessage: ((e: MessageEvent<ForecastOrder>) => void) | null };

// The options arrive once: the engine compiles the flow once per document object.
let options: ForecastRequest | undefined;

scope.onmessage = (e) => {
  const order = e.data;
  if (order.type === 'options') {
    options = order.options;
    return;
  }
  try {
    if (!options) throw new Error('The forecast worker got contacts before its options.');
    scope.postMessage({ type: 'tally', from: order.from, to: order.to, tally: forecastRange(options, order.from, order.to) });
  } catch (err) {
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
