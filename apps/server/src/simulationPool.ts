import { Worker } from 'node:worker_threads';
import type { SimulationInput } from '@hourglass/engine';

/** One simulation for the worker: validated documents (structured-cloned) and the answer's size limit. */
export interface SimulationJob {
  id: number;
  input: Omit<SimulationInput, 'stepper'>;
  maxAnswerChars: number;
}

/** What the worker says: it is ready, or the outcome of a job. */
export type WorkerAnswer =
  { ready: true } | { id: number; ok: true; text: string } | { id: number; ok: false; kind: 'limit' | 'scenario' | 'failed'; message: string };

/** The outcome of a simulation: the trace as JSON text, or why there is none. */
export type SimulationOutcome = { ok: true; text: string } | { ok: false; kind: 'limit' | 'scenario' | 'failed' | 'timeout' | 'busy'; message: string };

export interface SimulationPoolOptions {
  /** The longest one simulation may run before its worker is stopped. */
  timeoutMs: number;
  /** The largest trace answered, in characters. */
  maxAnswerChars: number;
  /** Simulations waiting beyond this many are refused as busy. */
  maxWaiting: number;
  /** A worker idle this long is stopped; the next simulation starts a new one. */
  idleMs: number;
  /** The heap of the worker: a simulation needing more fails rather than growing the server. */
  maxHeapMb: number;
}

export const SIMULATION_POOL_DEFAULTS: SimulationPoolOptions = { timeoutMs: 5000, maxAnswerChars: 5_000_000, maxWaiting: 8, idleMs: 30_000, maxHeapMb: 256 };

interface Waiting {
  input: SimulationJob['input'];
  resolve: (o: SimulationOutcome) => void;
}

/**
 * Runs simulations in one worker thread, one at a time, so a long simulation never stalls the
 * requests the server answers meanwhile. A simulation past its time is stopped by terminating
 * the worker; the next one starts a fresh worker.
 */
export class SimulationPool {
  private readonly options: SimulationPoolOptions;
  private worker: Worker | undefined;
  private ready = false;
  private readonly waiting: Waiting[] = [];
  private running: (Waiting & { id: number; timer: NodeJS.Timeout }) | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private nextId = 1;

  constructor(options: Partial<SimulationPoolOptions> = {}) {
    this.options = { ...SIMULATION_POOL_DEFAULTS, ...options };
  }

  run(input: SimulationJob['input']): Promise<SimulationOutcome> {
    if (this.waiting.length >= this.options.maxWaiting) {
      return Promise.resolve({ ok: false, kind: 'busy', message: 'The simulator is busy with other simulations; try again in a moment.' });
    }
    return new Promise((resolve) => {
      this.waiting.push({ input, resolve });
      this.pump();
    });
  }

  /** Stops the worker; simulations still waiting or running are answered as failed. */
  async close(): Promise<void> {
    for (const w of this.waiting.splice(0)) w.resolve({ ok: false, kind: 'failed', message: 'The server is stopping.' });
    this.finish({ ok: false, kind: 'failed', message: 'The server is stopping.' });
    await this.stopWorker();
  }

  private pump() {
    if (this.running || this.waiting.length === 0) return;
    clearTimeout(this.idleTimer);
    const worker = this.worker ?? this.startWorker();
    if (!this.ready) return; // the worker's "ready" pumps again
    const next = this.waiting.shift()!;
    const id = this.nextId++;
    const timer = setTimeout(() => {
      this.finish({ ok: false, kind: 'timeout', message: timeoutMessage(this.options.timeoutMs) });
      void this.stopWorker();
      this.pump();
    }, this.options.timeoutMs);
    this.running = { ...next, id, timer };
    worker.postMessage({ id, input: next.input, maxAnswerChars: this.options.maxAnswerChars } satisfies SimulationJob);
  }

  private startWorker(): Worker {
    const worker = new Worker(new URL('../bin/simulation-worker.js', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
    });
    worker.unref(); // an idle simulator never keeps the server's process alive
    this.worker = worker;
    this.ready = false;
    worker.on('message', (m: WorkerAnswer) => {
      if ('ready' in m) {
        this.ready = true;
      } else if (this.running?.id === m.id) {
        this.finish(m.ok ? { ok: true, text: m.text } : { ok: false, kind: m.kind, message: m.message });
      }
      this.pump();
      this.idleUnlessBusy();
    });
    const lost = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.finish({ ok: false, kind: 'failed', message: why });
      this.pump();
    };
    worker.on('error', (e) =>
      lost(
        (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `The simulation needed more than ${this.options.maxHeapMb} MB of memory, the most the server gives one simulation. Shorten the scenario's horizon or simplify the flow.`
          : `The simulator failed: ${e.message}`,
      ),
    );
    worker.on('exit', () => lost('The simulator stopped unexpectedly; try again.'));
    return worker;
  }

  private finish(outcome: SimulationOutcome) {
    const running = this.running;
    if (!running) return;
    clearTimeout(running.timer);
    this.running = undefined;
    running.resolve(outcome);
  }

  private idleUnlessBusy() {
    if (this.running || this.waiting.length) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.stopWorker(), this.options.idleMs);
    this.idleTimer.unref();
  }

  private async stopWorker() {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    if (worker) await worker.terminate();
  }
}

/** What a simulation stopped at the pool's time limit answers. */
export function timeoutMessage(timeoutMs: number): string {
  const seconds = timeoutMs / 1000;
  return `The simulation took longer than ${seconds} ${seconds === 1 ? 'second' : 'seconds'}, the most the server gives one simulation. Shorten the scenario's horizon or simplify the flow.`;
}
