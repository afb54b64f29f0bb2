import { MissingData } from './missingData.ts';

/** How many numbers one `nextval('hg_seq')` gives (the sequence's INCREMENT BY). */
export const SEQ_BLOCK = 1024;

/**
 * Event and timer numbers for one worker: a block of SEQ_BLOCK numbers at a time from the
 * database's `hg_seq`, so giving a number costs no round trip. Blocks only grow, so a number is
 * never given twice; and a contact's next number must be above every number it already has
 * (another worker may have given those from a later block), so `take` asks for a new block
 * when this one is behind the contact.
 */
export class SeqBlocks {
  private next = 1;
  private end = 0;

  /** The next number, above `above`; MissingData (a new block) when this block cannot give one. */
  take(above: number): number {
    if (this.next > this.end || this.next <= above) throw new MissingData({ kind: 'seq', above });
    return this.next++;
  }

  /** Starts on the block that `nextval` gave. */
  grant(start: number): void {
    this.next = start;
    this.end = start + SEQ_BLOCK - 1;
  }

  /** How many numbers are left in this block. */
  left(): number {
    return Math.max(0, this.end - this.next + 1);
  }
}
