import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let sequence = 0;
// Random bytes are drawn 8 KiB at a time: one call to the system per thousand ids.
const pool = Buffer.alloc(8192);
let used = pool.length;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** The next `count` random bytes as hex; the first byte masked with `firstMask`, then or-ed with `firstBits`. */
function randomHex(count: number, firstMask = 0xff, firstBits = 0): string {
  if (used + count > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  let hex = HEX[(pool[used]! & firstMask) | firstBits]!;
  for (let i = 1; i < count; i++) hex += HEX[pool[used + i]!]!;
  used += count;
  return hex;
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
  const seq = (0x7000 | sequence).toString(16);
  // The RFC 9562 variant: the top two bits of the first random byte are 10.
  const tail = randomHex(8, 0x3f, 0x80);
  return `${time.slice(0, 8)}-${time.slice(8)}-${seq}-${tail.slice(0, 4)}-${tail.slice(4)}`;
}
