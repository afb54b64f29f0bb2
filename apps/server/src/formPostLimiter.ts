/** Posts allowed from one client address per minute to the public forms. */
export const FORM_POSTS_PER_MINUTE = 20;
const WINDOW_MS = 60_000;
/** Addresses remembered at most: the oldest is forgotten first, so memory stays bounded. */
const MAX_ADDRESSES = 10_000;

/**
 * Slows down a flood of form posts: from one address, the 21st post within a minute and every
 * one after it until the minute is over is refused. In memory, like the wrong-token limiter.
 */
export class FormPostLimiter {
  private readonly windows = new Map<string, { start: number; posts: number }>();

  /** Counts a post; the seconds to wait when it is one too many, else 0. */
  hit(address: string, now: number): number {
    const w = this.windows.get(address);
    if (w && now - w.start < WINDOW_MS) {
      w.posts++;
      return w.posts > FORM_POSTS_PER_MINUTE ? Math.ceil((w.start + WINDOW_MS - now) / 1000) : 0;
    }
    this.windows.delete(address);
    if (this.windows.size >= MAX_ADDRESSES) this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(address, { start: now, posts: 1 });
    return 0;
  }
}
