/** Below this many contacts per branch a split's result is not worth a verdict. */
const MIN_ENTERED = 30;
/** How sure the best branch must be to be called better. */
const SURE = 0.95;

/**
 * A split's result in plain words: "B is better with 98% certainty", or "not enough data yet"
 * while any branch has fewer than 30 contacts or no branch is 95% sure to be the best.
 */
export function splitVerdict(branches: Record<string, { entered: number }>, probabilityBest: Record<string, number>): string {
  const keys = Object.keys(branches);
  if (keys.length < 2 || keys.some((k) => branches[k]!.entered < MIN_ENTERED)) return 'Not enough data yet';
  const best = keys.reduce((a, b) => ((probabilityBest[b] ?? 0) > (probabilityBest[a] ?? 0) ? b : a));
  const p = probabilityBest[best] ?? 0;
  if (p < SURE) return `Not enough data yet: ${best.toUpperCase()} leads with ${percent(p)} certainty`;
  return `${best.toUpperCase()} is better with ${percent(p)} certainty`;
}

/** A probability as a whole percent, never rounded up to a certain 100% nor down to 0%. */
export function percent(p: number): string {
  const n = Math.round(p * 100);
  return `${p < 1 && n === 100 ? '>99' : p > 0 && n === 0 ? '<1' : n}%`;
}
