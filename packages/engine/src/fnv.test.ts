import { describe, expect, it } from 'vitest';
import { fnv1a32, splitPosition } from './fnv.ts';

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes the UTF-8 bytes, not UTF-16 code units', () => {
    // "é" is two bytes in UTF-8 (0xC3 0xA9); hashing them by hand must give the same value.
    let h = 0x811c9dc5;
    for (const b of [0xc3, 0xa9]) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    expect(fnv1a32('é')).toBe(h);
    // ASCII before a non-ASCII letter takes the same bytes as the encoder would give.
    let mixed = 0x811c9dc5;
    for (const b of new TextEncoder().encode('café-1')) mixed = Math.imul(mixed ^ b, 0x01000193) >>> 0;
    expect(fnv1a32('café-1')).toBe(mixed);
  });

  it('places a contact at the same split position every time, in [0, 1)', () => {
    const u = splitPosition('c-anna', 'offer');
    expect(u).toBe(splitPosition('c-anna', 'offer'));
    expect(u).toBeGreaterThanOrEqual(0);
    expect(u).toBeLessThan(1);
    expect(splitPosition('c-anna', 'offer')).not.toBe(splitPosition('c-ben', 'offer'));
  });
});
