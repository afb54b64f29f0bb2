import { describe, expect, it } from 'vitest';
import { WrongTokenLimiter } from './wrongTokenLimiter.ts';

describe('the wrong-token limiter', () => {
  it('makes an address wait after 5 wrong tokens within a minute, until the minute is over', () => {
    const limiter = new WrongTokenLimiter();
    for (let i = 0; i < 5; i++) {
      expect(limiter.waitSeconds('a', 1000 * i)).toBe(0);
      limiter.fail('a', 1000 * i);
    }
    expect(limiter.waitSeconds('a', 5000)).toBe(55);
    expect(limiter.waitSeconds('b', 5000)).toBe(0);
    expect(limiter.waitSeconds('a', 60_000)).toBe(0);
  });

  it('does not count wrong tokens spread over more than a minute', () => {
    const limiter = new WrongTokenLimiter();
    for (let i = 0; i < 20; i++) {
      expect(limiter.waitSeconds('a', 20_000 * i)).toBe(0);
      limiter.fail('a', 20_000 * i);
    }
  });

  it('remembers a bounded number of addresses, forgetting the oldest', () => {
    const limiter = new WrongTokenLimiter(100);
    for (let i = 0; i < 1000; i++) limiter.fail(`10.0.${i >> 8}.${i & 255}`, 0);
    expect(limiter.size).toBe(100);
  });
});
