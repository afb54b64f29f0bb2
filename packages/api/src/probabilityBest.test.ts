import { describe, expect, it } from 'vitest';
import { betaCdf, betaPdf, probabilityBest } from './probabilityBest.ts';

/**
 * An independent reference: P(i best) = ∫ pdf_i · Π cdf_j, with each cdf accumulated from the
 * density itself (trapezoids on a grid of a million points), never from the incomplete beta.
 */
function reference(params: { a: number; b: number }[], points = 1_000_000): number[] {
  const h = 1 / points;
  const cdf = params.map(() => 0);
  const prevPdf = params.map(({ a, b }) => betaPdf(0, a, b));
  const sums = params.map(() => 0);
  for (let s = 1; s <= points; s++) {
    const x = s * h;
    const pdf = params.map(({ a, b }) => betaPdf(x, a, b));
    pdf.forEach((p, i) => (cdf[i]! += ((p + prevPdf[i]!) / 2) * h));
    pdf.forEach((p, i) => {
      let others = 1;
      for (let j = 0; j < params.length; j++) if (j !== i) others *= cdf[j]!;
      sums[i]! += p * others * h;
    });
    pdf.forEach((p, i) => (prevPdf[i] = p));
  }
  return sums;
}

describe('probabilityBest', () => {
  it('computes the Beta distribution function at known points', () => {
    expect(betaCdf(0.5, 30, 30)).toBeCloseTo(0.5, 12);
    expect(betaCdf(0.3, 1, 7)).toBeCloseTo(1 - 0.7 ** 7, 12);
    expect(betaCdf(0.3, 4, 1)).toBeCloseTo(0.3 ** 4, 12);
    // I_x(a, b) + I_{1-x}(b, a) = 1, on both sides of the mean.
    expect(betaCdf(0.12, 81, 521) + betaCdf(0.88, 521, 81)).toBeCloseTo(1, 12);
    expect(betaCdf(0.2, 81, 521) + betaCdf(0.8, 521, 81)).toBeCloseTo(1, 12);
  });

  it('gives two equal branches one half each', () => {
    const p = probabilityBest({ a: { entered: 600, goal: 80 }, b: { entered: 600, goal: 80 } });
    expect(p.a).toBeCloseTo(0.5, 9);
    expect(p.b).toBeCloseTo(0.5, 9);
    expect(probabilityBest({ a: { entered: 0, goal: 0 }, b: { entered: 0, goal: 0 } }).a).toBeCloseTo(0.5, 9);
  });

  it('finds the spec example clearly for b: 80 of 600 against 110 of 600 (the spec rounds it to 2% against 98%)', () => {
    const p = probabilityBest({ a: { entered: 600, goal: 80 }, b: { entered: 600, goal: 110 } });
    // The normal approximation of the difference of the rates: Φ(−0.05 / 0.0210) ≈ 0.0087.
    expect(p.a).toBeGreaterThan(0.005);
    expect(p.a).toBeLessThan(0.02);
    expect(p.b).toBeGreaterThan(0.98);
    const [a, b] = reference([
      { a: 81, b: 521 },
      { a: 111, b: 491 },
    ]);
    expect(p.a).toBeCloseTo(a!, 5);
    expect(p.b).toBeCloseTo(b!, 5);
  });

  it('agrees with an independent numerical reference on three branches', () => {
    const p = probabilityBest({ a: { entered: 200, goal: 30 }, b: { entered: 180, goal: 33 }, c: { entered: 220, goal: 36 } });
    const [a, b, c] = reference([
      { a: 31, b: 171 },
      { a: 34, b: 148 },
      { a: 37, b: 185 },
    ]);
    expect(p.a! + p.b! + p.c!).toBeCloseTo(1, 9);
    expect(p.a).toBeCloseTo(a!, 5);
    expect(p.b).toBeCloseTo(b!, 5);
    expect(p.c).toBeCloseTo(c!, 5);
  });

  it('stays exact with a million contacts per branch, where the posteriors are very narrow', () => {
    const p = probabilityBest({ a: { entered: 1_000_000, goal: 100_000 }, b: { entered: 1_000_000, goal: 100_000 } });
    expect(p.a).toBeCloseTo(0.5, 6);
    const q = probabilityBest({ a: { entered: 1_000_000, goal: 100_000 }, b: { entered: 1_000_000, goal: 101_500 } });
    expect(q.b).toBeGreaterThan(0.99);
  });
});
