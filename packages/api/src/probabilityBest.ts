/**
 * For A/B(/n) splits (campaign spec §5): the probability that each branch's rate is the highest,
 * from Beta(1 + successes, 1 + trials − successes) posteriors (a uniform prior). Computed by
 * integrating P(X_i = x) · Π_{j≠i} P(X_j < x) over x with Simpson's rule on the range where the
 * posteriors have their mass: deterministic, no sampling. Pure and isomorphic.
 */
export interface BranchCounts {
  entered: number;
  goal: number;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: about 15 digits). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b): the Beta(a, b) distribution function at x. */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  // The fraction converges fast below the mean; above it, use the symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** The Beta(a, b) density at x. */
export function betaPdf(x: number, a: number, b: number): number {
  if (x <= 0 || x >= 1) return 0;
  return Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x));
}

/** Simpson intervals over the range that holds the posteriors' mass (even). */
const INTERVALS = 4000;

/**
 * Per branch, the probability that its rate is the highest. Branches with the same counts get
 * the same probability; the answers add up to 1 (up to rounding). An empty input gives {}.
 */
export function probabilityBest(branches: Record<string, BranchCounts>): Record<string, number> {
  const keys = Object.keys(branches);
  if (keys.length === 0) return {};
  if (keys.length === 1) return { [keys[0]!]: 1 };
  const params = keys.map((k) => {
    const { entered, goal } = branches[k]!;
    const g = Math.min(Math.max(goal, 0), Math.max(entered, 0));
    return { a: 1 + g, b: 1 + Math.max(entered, 0) - g };
  });
  // Outside mean ± 12 standard deviations of every posterior no density is left to count.
  let lo = 1;
  let hi = 0;
  for (const { a, b } of params) {
    const mean = a / (a + b);
    const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
    lo = Math.min(lo, mean - 12 * sd);
    hi = Math.max(hi, mean + 12 * sd);
  }
  lo = Math.max(0, lo);
  hi = Math.min(1, hi);
  const step = (hi - lo) / INTERVALS;
  const sums = new Array<number>(keys.length).fill(0);
  for (let s = 0; s <= INTERVALS; s++) {
    const x = lo + s * step;
    const weight = s === 0 || s === INTERVALS ? 1 : s % 2 === 1 ? 4 : 2;
    const cdfs = params.map(({ a, b }) => betaCdf(x, a, b));
    params.forEach(({ a, b }, i) => {
      let others = 1;
      for (let j = 0; j < params.length; j++) if (j !== i) others *= cdfs[j]!;
      sums[i]! += weight * betaPdf(x, a, b) * others;
    });
  }
  const raw = sums.map((v) => (v * step) / 3);
  const total = raw.reduce((a, b) => a + b, 0);
  return Object.fromEntries(keys.map((k, i) => [k, total > 0 ? raw[i]! / total : 1 / keys.length]));
}
