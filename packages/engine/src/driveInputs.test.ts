import { describe, expect, it } from 'vitest';
import { driveInputs, inputLine, type TimerSource } from './driveInputs.ts';

/** Timers as a sorted list of instants; firing one logs it. */
function timers(at: number[], log: string[]): TimerSource {
  const pending = [...at].sort((a, b) => a - b);
  return {
    nextTimerAt: () => pending[0],
    fireTimersUntil: (until) => {
      let n = 0;
      while (pending.length && pending[0]! <= until) {
        log.push(`timer ${pending.shift()}`);
        n++;
      }
      return n;
    },
  };
}

describe('driveInputs', () => {
  it('fires the timers of an instant before the inputs of that instant, and none after the horizon', () => {
    const log: string[] = [];
    const fired = driveInputs(timers([5, 10, 30], log), inputLine([{ at: 10 }, { at: 20 }]), (i) => log.push(`input ${i.at}`), { until: 25 });
    expect(log).toEqual(['timer 5', 'timer 10', 'input 10', 'input 20']);
    expect(fired).toBe(2);
  });

  it('takes inputs added to the line while it is driven, in their place', () => {
    const log: string[] = [];
    const queue = [{ at: 1 }];
    const line = { peek: () => queue[0], take: () => void queue.shift() };
    driveInputs(
      timers([4], log),
      line,
      (i) => {
        log.push(`input ${i.at}`);
        if (i.at === 1) queue.push({ at: 3 }, { at: 6 });
      },
      { until: 10, after: (at) => log.push(`after ${at}`) },
    );
    expect(log).toEqual(['input 1', 'after 1', 'input 3', 'after 3', 'timer 4', 'after 4', 'input 6', 'after 6']);
  });
});
