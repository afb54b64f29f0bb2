import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { fnv1a32 } from './fnv.ts';

/** A seeded source of numbers in [0, 1), the same in Node and in the browser. */
export type Random = () => number;

/**
 * The random source of one synthetic contact: derived from the forecast's seed and the contact's
 * index, so any contact can be replayed alone and a forecast split across workers gives the same
 * numbers as one run.
 */
export function contactRandom(seed: number, index: number): Random {
  const rng = xoroshiro128plus(fnv1a32(`${seed}:${index}`) | 0);
  return () => uniformFloat64(rng);
}

/** Picks a key of `weights` in proportion to its weight. */
export function pickWeighted<K extends string>(weights: Partial<Record<K, number>>, random: Random): K | undefined {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let u = random() * total;
  for (const [k, w] of entries) {
    if (u < w) return k;
    u -= w;
  }
  return entries[entries.length - 1]?.[0];
}
