import { describe, expect, it } from 'vitest';
import { ClockError, ManualClock } from './clock.ts';

describe('ManualClock', () => {
  it('may be set to any instant first, then only forward, and persists every move', () => {
    const saved: number[] = [];
    const clock = new ManualClock(undefined, (n) => saved.push(n));
    expect(clock.isSet).toBe(false);
    clock.set(5000);
    clock.set(5000);
    clock.set(9000);
    expect(() => clock.set(8999)).toThrow(ClockError);
    expect(clock.now()).toBe(9000);
    expect(saved).toEqual([5000, 5000, 9000]);
  });

  it('resumes from a persisted instant and still refuses to go back', () => {
    const clock = new ManualClock(9000);
    expect(clock.isSet).toBe(true);
    expect(() => clock.set(1000)).toThrow(/only moves forward/);
  });
});
