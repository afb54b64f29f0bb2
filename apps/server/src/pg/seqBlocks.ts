import { MissingData } from './missingData.ts';

/** How many numbers one `nextval('hg_seq')` gives (the sequence's INCREMENT BY). */
export const SEQ_BLOCK = 1024;

/**
 * Event and timer numbers for one worker: blocks of SEQ_BLOCK numbers from the database's
 * `hg_seq`, so giving a number costs no round trip. Blocks only grow, so a number is never
 * given twice; and a contact's next number must be above every number it already has (another
 * worker may have given those from a later block), so `take` skips to a later number or block.
 *
 * When the blocks run out, `take` throws MissingData asking for more, twice as many as the last
 * time within one batch: a batch that needs many numbers is run again, and would never finish
 * if each run got only as many as the last run used up.
 */
export class SeqBlocks {
  private next = 1;
  private end = 0;
  /** Starts of the blocks granted and not begun yet, in the order given (ascending). */
  private queued: number[] = [];
  private asked = 0;

  /** The next number, above `above`; MissingData when no block granted can give one. */
  take(above: number): number {
    for (;;) {
      if (this.next <= above) this.next = above + 1;
      if (this.next <= this.end) return this.next++;
      const start = this.queued.shift();
      if (start === undefined) {
        this.asked = Math.min(Math.max(1, this.asked * 2), 64);
        throw new MissingData({ kind: 'seq', above, blocks: this.asked });
      }
      this.next = start;
      this.end = start + SEQ_BLOCK - 1;
    }
  }

  /** Adds the blocks that `nextval` gave. */
  grant(starts: readonly number[]): void {
    this.queued.push(...starts);
    this.queued.sort((a, b) => a - b);
  }

  /** A batch committed: the next shortage starts asking for one block again. */
  settled(): void {
    this.asked = 0;
  }

  /** How many numbers are left. */
  left(): number {
    return Math.max(0, this.end - this.next + 1) + this.queued.length * SEQ_BLOCK;
  }
}
