/**
 * Score bands of the handoff verdicts (the report and the scoring page): fixed bands of 10 points,
 * 0–9, 10–19, … (and −10 to −1 below zero). Ten because the score thresholds flows hand off at
 * are written in tens (40, 50, 60 in the examples): a threshold then falls on a band's edge, so
 * the bands at and above it are exactly the contacts it lets through. The scoring model has no
 * thresholds of its own to take them from.
 */
export const SCORE_BAND_WIDTH = 10;

/** The lowest score of the band a score falls in. */
export const scoreBand = (score: number): number => Math.floor(score / SCORE_BAND_WIDTH) * SCORE_BAND_WIDTH;

/** A band as a marketer reads it: "40–49", "−10 to −1". */
export function scoreBandLabel(min: number): string {
  const max = min + SCORE_BAND_WIDTH - 1;
  const n = (v: number) => (v < 0 ? `−${-v}` : String(v));
  return min < 0 ? `${n(min)} to ${n(max)}` : `${n(min)}–${n(max)}`;
}
