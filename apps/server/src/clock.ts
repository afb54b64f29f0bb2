/** Where the server's time comes from: events are stamped with it and timers fire by it. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** The real time. */
export const systemClock: Clock = { now: () => Date.now() };

/** Thrown when a manual clock is asked to go back in time. */
export class ClockError extends Error {}

/**
 * A test clock (`HOURGLASS_CLOCK=manual`) that only moves when told to. The first `set` may
 * choose any instant; later ones only move it forward, so timers never run twice or backwards.
 * Until the first `set` it reads the real time. `persist` keeps the instant across restarts.
 */
export class ManualClock implements Clock {
  private current: number | undefined;

  constructor(
    initial?: number,
    private readonly persist: (now: number) => void = () => {},
  ) {
    this.current = initial;
  }

  now(): number {
    return this.current ?? Date.now();
  }

  /** Whether the clock has been set since the database was created. */
  get isSet(): boolean {
    return this.current !== undefined;
  }

  set(now: number): void {
    if (this.current !== undefined && now < this.current) {
      throw new ClockError(`The clock only moves forward: it is already ${new Date(this.current).toISOString()}.`);
    }
    this.current = now;
    this.persist(now);
  }
}
