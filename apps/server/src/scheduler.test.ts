import { afterEach, describe, expect, it, vi } from 'vitest';
import { Scheduler } from './scheduler.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** A table of wake-up instants and a scheduler over it, under fake timers. */
function setUp(timers: number[]) {
  vi.useFakeTimers({ now: 0 });
  const fired: [number, number][] = [];
  const scheduler = new Scheduler({
    clock: { now: () => Date.now() },
    nextAt: () => (timers.length ? Math.min(...timers) : undefined),
    fireDue: () => {
      for (const at of [...timers].sort((a, b) => a - b)) {
        if (at > Date.now()) break;
        timers.splice(timers.indexOf(at), 1);
        fired.push([at, Date.now()]);
      }
    },
    maxSleepMs: 10_000,
  });
  return { scheduler, fired, timers };
}

describe('Scheduler', () => {
  it('fires overdue timers at once on start, in order, then sleeps until the next one', () => {
    const { scheduler, fired } = setUp([-50, -100, 3000]);
    scheduler.start();
    expect(fired).toEqual([
      [-100, 0],
      [-50, 0],
    ]);
    vi.advanceTimersByTime(2999);
    expect(fired).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(fired[2]).toEqual([3000, 3000]);
    scheduler.stop();
  });

  it('re-arms for an earlier timer when poked after an input', () => {
    const { scheduler, fired, timers } = setUp([9000]);
    scheduler.start();
    timers.push(1000);
    scheduler.poke();
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual([[1000, 1000]]);
    scheduler.stop();
  });

  it('looks again after its longest sleep when there is no timer, and fires nothing once stopped', () => {
    const { scheduler, fired, timers } = setUp([]);
    scheduler.start();
    timers.push(5000);
    vi.advanceTimersByTime(10_000);
    expect(fired).toEqual([[5000, 10_000]]);
    timers.push(12_000);
    scheduler.poke();
    scheduler.stop();
    vi.advanceTimersByTime(5000);
    expect(fired).toHaveLength(1);
  });

  it('looks again after a pause, not in a tight loop, at a due timer that could not fire yet', () => {
    vi.useFakeTimers({ now: 0 });
    let calls = 0;
    let held = true;
    const timers = [-10];
    const scheduler = new Scheduler({
      clock: { now: () => Date.now() },
      nextAt: () => timers[0],
      // Held back (events wait in the inbox) until `held` is lifted.
      fireDue: () => {
        calls++;
        if (held) return 0;
        return timers.splice(0).length;
      },
      maxSleepMs: 10_000,
    });
    scheduler.start();
    vi.advanceTimersByTime(1000);
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThanOrEqual(12);
    held = false;
    scheduler.poke();
    vi.advanceTimersByTime(0);
    expect(timers).toEqual([]);
    scheduler.stop();
  });
});
