import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatScalar, parseScalar, parseScalarList } from './scalarText.ts';

describe('parseScalar', () => {
  it('reads numbers, booleans and null as such and anything else as text', () => {
    expect(parseScalar(' 120 ')).toBe(120);
    expect(parseScalar('-1.5')).toBe(-1.5);
    expect(parseScalar('true')).toBe(true);
    expect(parseScalar('null')).toBeNull();
    expect(parseScalar('DE')).toBe('DE');
    expect(parseScalar('"0043"')).toBe('0043');
  });

  it('reads back every value that formatScalar wrote', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string().filter((s) => s.trim() === s),
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
        ),
        (v) => {
          expect(parseScalar(formatScalar(v))).toStrictEqual(v);
        },
      ),
    );
  });

  it('splits a list on commas and drops empty entries', () => {
    expect(parseScalarList('DE, AT,CH, ')).toEqual(['DE', 'AT', 'CH']);
  });
});
