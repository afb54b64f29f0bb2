import { describe, expect, it } from 'vitest';
import { publishBlocker } from './publishBlocker.ts';

describe('publishBlocker', () => {
  it('says why publishing is refused: errors first, then a draft that is the live version again', () => {
    expect(publishBlocker({ errorCount: 2, unchangedSince: 3 })).toBe('Fix the 2 errors in the problems panel first.');
    expect(publishBlocker({ errorCount: 1, unchangedSince: null })).toBe('Fix the 1 error in the problems panel first.');
    expect(publishBlocker({ errorCount: 0, unchangedSince: 3 })).toBe('Nothing changed since version 3: change the flow to publish a new version.');
    expect(publishBlocker({ errorCount: 0, unchangedSince: null })).toBeNull();
  });
});
