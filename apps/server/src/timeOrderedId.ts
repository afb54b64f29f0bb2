import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let sequence = 0;
// Random bytes are drawn 8 KiB at a time: one call to the system per thousand ids.
const pool = Buffer.alloc(8192);
let used = pool.length;
function random8(): Buffer {
  if (used + 8 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return Buffer.from(pool.subarray(used, (used += 8)));
}

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then a per-millisecond sequence
 * and random bits. Ids made later sort later, so rows keyed by them are appended at the end of
 * their SQLite indexes instead of landing at random pages, as random UUIDs do.
 */
export function timeOrderedId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else {
    sequence++;
    if (sequence > 0xfff) {
      lastMs++;
      sequence = 0;
    }
  }
  const time = lastMs.toString(16).padStart(12, '0');
  const rand = random8();
  rand[0] = (rand[0]! & 0x3f) | 0x80; // the RFC 9562 variant
  const tail = rand.toString('hex');
  const seq = (0x7000 | sequence).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-${seq}-${tail.slice(0, 4)}-${tail.slice(4)}`;
}
