// The simulation worker thread: runs one simulation at a time for the SimulationPool, off the
// server's event loop, and answers the formatted trace or why there is none.
import { parentPort } from 'node:worker_threads';
import { formatTrace } from '@hourglass/documents';
import { ScenarioError, SimulationLimitError, simulate } from '@hourglass/engine';
import type { SimulationJob, WorkerAnswer } from './simulationPool.ts';

const port = parentPort!;
const say = (m: WorkerAnswer) => port.postMessage(m);

port.on('message', ({ id, input, maxAnswerChars }: SimulationJob) => {
  try {
    const text = formatTrace(simulate(input).trace);
    if (text.length > maxAnswerChars) {
      say({
        id,
        ok: false,
        kind: 'limit',
        message: `The simulation's trace is ${Math.ceil(text.length / 1e6)} MB, more than the ${Math.round(maxAnswerChars / 1e6)} MB the server answers. Shorten the scenario's horizon or lengthen the waits in the flow.`,
      });
    } else say({ id, ok: true, text });
  } catch (e) {
    const kind = e instanceof SimulationLimitError ? 'limit' : e instanceof ScenarioError ? 'scenario' : 'failed';
    say({ id, ok: false, kind, message: (e as Error).message });
  }
});
say({ ready: true });
