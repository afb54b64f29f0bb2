import { describe, expect, it } from 'vitest';
import { cmpToRows, rowsToCmp } from './cmpRows.ts';

describe('comparison rows', () => {
  it('read back the comparison they were made from', () => {
    for (const [cmp, kind] of [
      [{ gte: 40 }, 'number'],
      [{ gte: 10, lt: 20 }, 'number'],
      [{ in: ['mql', 'sql'] }, 'stage'],
      [{ in: ['DE', 'AT', 'CH'] }, 'scalar'],
      [{ eq: 'software' }, 'scalar'],
      [{ exists: false }, 'scalar'],
      [{ contains: 'acme' }, 'scalar'],
    ] as const) {
      expect(rowsToCmp(cmpToRows(cmp), kind)).toEqual({ ok: true, cmp });
    }
  });

  it('say which row does not hold a value of its kind', () => {
    expect(
      rowsToCmp(
        [
          { op: 'gte', text: '40' },
          { op: 'lt', text: 'lots' },
        ],
        'number',
      ),
    ).toEqual({ ok: false, errors: [null, '"lots" is not a number.'] });
    expect(rowsToCmp([{ op: 'eq', text: 'vip' }], 'stage')).toEqual({ ok: false, errors: ['"vip" is not a stage.'] });
  });
});
