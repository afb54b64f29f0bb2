import { describe, expect, it } from 'vitest';
import { routeLabel } from './routeLabel.ts';

describe('routeLabel', () => {
  const config = {
    routing: [{ if: { property: { name: 'country', eq: 'AT' } }, owner: 'at@example.com' }],
    roundRobin: ['a@x.io', 'b@x.io'],
    fallback: 'desk@example.com',
  };

  it('names a routing rule by its number, condition and owner', () => {
    expect(routeLabel('rule-1', config)).toBe('Rule 1: country = AT → at@example.com');
    expect(routeLabel('rule-3', config)).toBe('Rule 3');
  });

  it('says in words how the other handoffs chose their owner', () => {
    expect(['owner', 'round-robin', 'fallback', 'none', 'unknown'].map((r) => routeLabel(r, config))).toEqual([
      'Kept the owner the contact had',
      'Round robin (a@x.io, b@x.io)',
      'Fallback → desk@example.com',
      'No owner found',
      'Before routes were recorded',
    ]);
  });
});
