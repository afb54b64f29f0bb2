import { describe, expect, it } from 'vitest';
import { nodeLabels } from './useStepLabels.ts';

describe('nodeLabels', () => {
  it('maps the steps that have a label to it, leaving the others out (they show their id)', () => {
    const flow = {
      nodes: [
        { id: 'email-1', type: 'sendEmail', label: ' Welcome mail ' },
        { id: 'done', type: 'exit' },
        { id: 'blank', type: 'wait', label: '' },
        'not a node',
      ],
    };
    expect(nodeLabels(flow)).toEqual({ 'email-1': 'Welcome mail' });
    expect(nodeLabels(undefined)).toEqual({});
  });
});
