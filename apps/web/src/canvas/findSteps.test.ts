import { describe, expect, it } from 'vitest';
import { FLOW_FORMAT, type Flow } from '@hourglass/documents';
import { findSteps } from './findSteps.ts';
import { flowToCanvas } from './flowToCanvas.ts';

const flow: Flow = {
  format: FLOW_FORMAT,
  id: 'search',
  name: 'Search',
  settings: {},
  nodes: [
    { id: 'pricing-mail', type: 'sendEmail', position: { x: 0, y: 500 }, config: { subject: 'Our plans', body: 'x' } },
    { id: 'follow-up', type: 'sendEmail', label: 'Pricing follow-up', position: { x: 300, y: 300 }, config: { subject: 'Still there?', body: 'x' } },
    { id: 'nudge', type: 'sendEmail', label: 'Pricing nudge', position: { x: 0, y: 300 }, config: { subject: 'Hi', body: 'x' } },
    { id: 'w', type: 'wait', position: { x: 0, y: 100 }, config: { for: 'P3D' } },
    { id: 'see-pricing', type: 'sendEmail', position: { x: 0, y: 0 }, config: { subject: 'See our pricing', body: 'x' } },
  ],
  edges: [],
};
const { nodes } = flowToCanvas(flow);

describe('findSteps', () => {
  it('finds labels first, then ids, then summaries, each in reading order, whatever the case', () => {
    expect(findSteps(nodes, 'PRICING')).toEqual(['nudge', 'follow-up', 'see-pricing', 'pricing-mail']);
  });

  it('finds a step by what its summary says', () => {
    expect(findSteps(nodes, 'wait 3 days')).toEqual(['w']);
  });

  it('finds nothing for an empty search or a text no step has', () => {
    expect(findSteps(nodes, '  ')).toEqual([]);
    expect(findSteps(nodes, 'webinar')).toEqual([]);
  });
});
