import type { Clock } from './clock.ts';

/** How long the loop waits before looking again at a due timer that could not fire yet. */
const HELD_RETRY_MS = 100;

export interface SchedulerOptions {
  clock: Clock;
  /** The earliest pending timer's instant (the store's indexed `wake_at`). */
  nextAt: () => number | undefined;
  /** Fires every timer due by the clock's now; says how many fired. */
  fireDue: () => number | void;
  /** The longest sleep, so a clock jump (suspend, NTP) is noticed within this long. */
  maxSleepMs?: number;
  log?: (message: string) => void;
}

/**
 * The server's outer timer loop. Timers are rows with a wake-up instant; this loop sleeps
 * (setTimeout) until the earliest one, fires what is due, and sleeps again. It keeps no timer
 * state of its own, so after a restart it finds overdue timers in the table and fires them at
 * once, in order. `poke` re-arms it after an input may have set an earlier timer.
 */
export class Scheduler {
  private handle: NodeJS.Timeout | undefined;
  private running = false;
  private readonly maxSleep: number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: SchedulerOptions) {
    this.maxSleep = options.maxSleepMs ?? 60_000;
    this.log = options.log ?? ((m) => console.error(m));
  }

  start(): void {
    this.running = true;
    this.tick();
  }

  /** Re-arms the loop for the earliest timer now in the table. */
  poke(): void {
    if (this.running) this.arm();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.handle);
  }

  private tick(): void {
    if (!this.running) return;
    try {
      const fired = this.options.fireDue();
      // A due timer that did not fire is held back (by events waiting in the inbox): come back
      // after a pause, or when poked once they are processed, rather than spinning.
      this.arm(fired === 0 ? HELD_RETRY_MS : 0, fired === 0);
    } catch (e) {
      // A failing database would otherwise be retried in a tight loop.
      this.log(`Firing due timers failed: ${(e as Error).message}`);
      this.arm(1000);
    }
  }

  private arm(minDelay = 0, onlyIfDue = false): void {
    clearTimeout(this.handle);
    if (!this.running) return;
    const next = this.options.nextAt();
    const wait = next === undefined ? this.maxSleep : next - this.options.clock.now();
    const delay = Math.min(this.maxSleep, onlyIfDue && wait > 0 ? wait : Math.max(minDelay, wait));
    this.handle = setTimeout(() => this.tick(), delay);
  }
}
