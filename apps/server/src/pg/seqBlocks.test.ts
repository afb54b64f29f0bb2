import { describe, expect, it } from 'vitest';
import { isMissingData } from './missingData.ts';
import { SEQ_BLOCK, SeqBlocks } from './seqBlocks.ts';

/** A database sequence of blocks, as `nextval('hg_seq')` gives them. */
function sequence() {
  let start = 1 - SEQ_BLOCK;
  return () => (start += SEQ_BLOCK);
}

/** Runs a batch that takes `count` numbers, from the start again after each MissingData, as a worker does; returns the runs. */
function runBatch(seqs: SeqBlocks, nextval: () => number, count: number, above = 0): { runs: number; numbers: number[] } {
  for (let runs = 1; ; runs++) {
    try {
      const numbers = Array.from({ length: count }, () => seqs.take(above));
      seqs.settled();
      return { runs, numbers };
    } catch (e) {
      if (!isMissingData(e) || e.need.kind !== 'seq') throw e;
      seqs.grant(Array.from({ length: e.need.blocks }, nextval));
    }
  }
}

describe('SeqBlocks', () => {
  it('finishes a batch that needs many blocks, asking for twice as many each time it runs short', () => {
    const seqs = new SeqBlocks();
    const { runs, numbers } = runBatch(seqs, sequence(), 5 * SEQ_BLOCK);
    expect(runs).toBeLessThanOrEqual(5);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.every((n, i) => i === 0 || n > numbers[i - 1]!)).toBe(true);
  });

  it('gives a contact numbers above the ones another worker gave it, and never a number twice', () => {
    const nextval = sequence();
    const mine = new SeqBlocks();
    const other = new SeqBlocks();
    const first = runBatch(mine, nextval, 10).numbers;
    // The other worker took a later block and gave the contact a number from it.
    const theirs = runBatch(other, nextval, 1).numbers[0]!;
    expect(theirs).toBeGreaterThan(SEQ_BLOCK);
    const next = runBatch(mine, nextval, 3, theirs).numbers;
    expect(next.every((n) => n > theirs)).toBe(true);
    expect(next.some((n) => first.includes(n))).toBe(false);
  });
});
