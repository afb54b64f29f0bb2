import { describe, expect, it } from 'vitest';
import { freeId, slugify } from './slugify.ts';

describe('slugify', () => {
  it('turns a flow name into a valid flow id', () => {
    expect(slugify('Whitepaper download → nurture → sales')).toBe('whitepaper-download-nurture-sales');
    expect(slugify('  Café Öffnung!! ')).toBe('cafe-offnung');
    expect(slugify('x'.repeat(100))).toHaveLength(64);
    expect(slugify('→')).toBe('');
  });

  it('finds a free id by numbering', () => {
    expect(freeId('a', new Set())).toBe('a');
    expect(freeId('a', new Set(['a', 'a-2']))).toBe('a-3');
  });
});
