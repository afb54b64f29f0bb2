import { describe, expect, it } from 'vitest';
import type { Problem } from '@hourglass/documents';
import { relativePointer } from '../../problems/relativePointer.ts';
import { messagesAt } from './messagesAt.ts';

const problems: Problem[] = [
  { severity: 'error', code: 'bad-duration', pointer: '/nodes/2/config/timeout', nodeId: 'engaged', message: 'Node "engaged": "P1M" uses years or months.' },
  {
    severity: 'error',
    code: 'bad-condition',
    pointer: '/nodes/2/config/until',
    nodeId: 'engaged',
    message: 'Node "engaged": A condition has exactly one of score, stage.',
  },
  {
    severity: 'error',
    code: 'bad-value',
    pointer: '/nodes/2/config/until/all/0/property/name',
    nodeId: 'engaged',
    message: 'Node "engaged": Too small: expected string to have >=1 characters',
  },
  { severity: 'warning', code: 'unreachable-node', pointer: '/nodes/5', nodeId: 'other', message: 'Node "other": no trigger leads here.' },
];

describe('messagesAt', () => {
  const at = messagesAt(problems, (p) => (p.nodeId === 'engaged' ? relativePointer(p.pointer) : null));

  it('finds the problems of a field by its pointer inside the node, in plain words', () => {
    expect(at('/config/timeout')).toEqual(['"P1M" uses years or months.']);
    expect(at('/config/until/all/0/property/name')).toEqual(['This cannot be empty.']);
  });

  it('gives a composite field its own problems only when asked for the exact pointer', () => {
    expect(at('/config/until', true)).toEqual(['A condition has exactly one of score, stage.']);
    expect(at('/config/until')).toHaveLength(2);
  });

  it('leaves out the problems of other nodes and of unrelated fields', () => {
    expect(at('')).toHaveLength(3);
    expect(at('/config/time')).toEqual([]);
  });
});
