/** What `driveInputs` needs of an engine: its earliest timer, and firing the timers due by an instant. */
export interface TimerSource {
  nextTimerAt(): number | undefined;
  /** Fires every timer due at or before `at`; returns how many fired. */
  fireTimersUntil(at: number): number;
}

/** Inputs in the order they happen: the next one without taking it, and taking it. */
export interface InputLine<I extends { at: number }> {
  peek(): I | undefined;
  take(): void;
}

/** An array of inputs, already in order, as an `InputLine`. */
export function inputLine<I extends { at: number }>(inputs: readonly I[]): InputLine<I> {
  let i = 0;
  return { peek: () => inputs[i], take: () => void i++ };
}

/**
 * The one driver of "timers at an instant before events at that instant" (spec §6), used by the
 * simulator, the forecast, the server's inbox and the store tests: until the line is empty, the
 * earliest timer fires, instant by instant, whenever it is due no later than the next input
 * (and no later than `until`); otherwise the next input is applied. Then the timers due by
 * `until` fire. `after` is called after each instant's timers and after each input (the
 * forecast reacts to the emails sent, the simulator samples the score). The line may grow while
 * it is driven (the forecast plans clicks on the emails it sends). Returns how many timers fired.
 */
export function driveInputs<I extends { at: number }>(
  engine: TimerSource,
  line: InputLine<I>,
  apply: (input: I) => void,
  { until, after }: { until: number; after?: (at: number) => void },
): number {
  let fired = 0;
  for (;;) {
    const timer = engine.nextTimerAt();
    const next = line.peek();
    if (timer !== undefined && timer <= until && (next === undefined || timer <= next.at)) {
      fired += engine.fireTimersUntil(timer);
      after?.(timer);
    } else if (next !== undefined) {
      line.take();
      apply(next);
      after?.(next.at);
    } else {
      return fired;
    }
  }
}
