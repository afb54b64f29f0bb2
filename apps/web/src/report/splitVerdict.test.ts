import { describe, expect, it } from 'vitest';
import { percent, splitVerdict } from './splitVerdict.ts';

describe('splitVerdict', () => {
  it('names the better branch with its certainty once it is sure enough', () => {
    expect(splitVerdict({ a: { entered: 600 }, b: { entered: 600 } }, { a: 0.02, b: 0.98 })).toBe('B is better with 98% certainty');
  });

  it('says there is not enough data with few contacts or an unsure lead', () => {
    expect(splitVerdict({ a: { entered: 10 }, b: { entered: 600 } }, { a: 0.01, b: 0.99 })).toBe('Not enough data yet');
    expect(splitVerdict({ a: { entered: 100 }, b: { entered: 100 } }, { a: 0.4, b: 0.6 })).toBe('Not enough data yet: B leads with 60% certainty');
  });

  it('never rounds a probability to a certain 100% or an impossible 0%', () => {
    expect(percent(0.9996)).toBe('>99%');
    expect(percent(0.0004)).toBe('<1%');
    expect(percent(1)).toBe('100%');
  });
});
