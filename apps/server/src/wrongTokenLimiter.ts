/** Wrong tokens allowed from one client address per window before it must wait. */
export const WRONG_TOKENS_PER_WINDOW = 5;
export const WRONG_TOKEN_WINDOW_MS = 60_000;
/** Addresses remembered at most: the oldest is forgotten first, so memory stays bounded. */
const MAX_ADDRESSES = 10_000;

interface Window {
  start: number;
  failures: number;
}

/**
 * Slows down guessing: after 5 wrong tokens (or sign-in codes) from one address within a minute,
 * every token from it is refused until the minute is over. In memory: a restart forgets it.
 */
export class WrongTokenLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly maxAddresses = MAX_ADDRESSES) {}

  /** Seconds the address must wait before its next try; 0 when it may try now. */
  waitSeconds(address: string, now: number): number {
    const w = this.windows.get(address);
    if (!w) return 0;
    const left = w.start + WRONG_TOKEN_WINDOW_MS - now;
    if (left <= 0) {
      this.windows.delete(address);
      return 0;
    }
    return w.failures >= WRONG_TOKENS_PER_WINDOW ? Math.ceil(left / 1000) : 0;
  }

  /** Counts a wrong token from the address. */
  fail(address: string, now: number): void {
    const w = this.windows.get(address);
    if (w && now - w.start < WRONG_TOKEN_WINDOW_MS) {
      w.failures++;
      return;
    }
    this.windows.delete(address);
    if (this.windows.size >= this.maxAddresses) this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(address, { start: now, failures: 1 });
  }

  /** How many addresses are remembered (for tests). */
  get size(): number {
    return this.windows.size;
  }
}
