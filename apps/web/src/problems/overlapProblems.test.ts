import { describe, expect, it } from 'vitest';
import type { Flow } from '@hourglass/documents';
import { friendlyMessage } from './friendlyMessage.ts';
import { overlapProblems } from './overlapProblems.ts';

const flow: Flow = {
  format: 'hourglass.flow/1',
  id: 'mine',
  name: 'Mine',
  settings: {},
  nodes: [
    { id: 'hello', type: 'exit', config: {} },
    { id: 'start', type: 'trigger', config: { on: 'event', event: 'signup' } },
  ],
  edges: [],
};
const overlap = { nodeId: 'start', flowId: 'pro', flowName: 'Pro signups', version: 2, otherNodeId: 't', reason: 'both start on signup with plan = pro' };

describe('overlapProblems', () => {
  it('warns on the trigger that another live flow takes the same contacts in, in a sentence', () => {
    const [problem, ...rest] = overlapProblems(flow, [overlap]);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ severity: 'warning', code: 'trigger-overlap', pointer: '/nodes/1/config', nodeId: 'start' });
    expect(friendlyMessage(problem!)).toBe(
      'Contacts who enter here also enter “Pro signups” (live, version 2): both start on signup with plan = pro. Make sure they are meant to get the emails of both.',
    );
  });

  it('leaves out a trigger the draft no longer has', () => {
    expect(overlapProblems(flow, [{ ...overlap, nodeId: 'gone' }])).toEqual([]);
  });
});
