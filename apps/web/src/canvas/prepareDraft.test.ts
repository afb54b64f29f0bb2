import { describe, expect, it } from 'vitest';
import { FLOW_FORMAT } from '@hourglass/documents';
import { prepareDraft } from './prepareDraft.ts';

describe('prepareDraft', () => {
  it('keeps the unfinished values of a draft for validation to report', () => {
    const draft = { format: FLOW_FORMAT, id: 'f', name: 'F', nodes: [{ id: 'w', type: 'wait', config: { for: 'P3Y' } }], edges: [{ from: 'w', to: 'x' }] };
    const { flow, dropped } = prepareDraft(draft);
    expect(flow.nodes[0]!.config).toEqual({ for: 'P3Y' });
    expect(flow.edges).toEqual([{ from: 'w', to: 'x' }]);
    expect(flow.settings).toEqual({});
    expect(dropped).toEqual([]);
  });

  it('sets aside what the canvas cannot show, and says so', () => {
    const { flow, dropped } = prepareDraft({
      format: FLOW_FORMAT,
      id: 'f',
      name: 'F',
      nodes: [{ id: 'a', type: 'teleport', config: {} }, 'junk'],
      edges: 'none',
    });
    expect(flow.nodes).toEqual([]);
    expect(flow.edges).toEqual([]);
    expect(dropped).toEqual(['a (unknown type "teleport")', 'node 2']);
  });
});
