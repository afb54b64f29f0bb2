import { describe, expect, it } from 'vitest';
import { stepName, stepsOf } from './stepName.ts';

const flow = {
  nodes: [
    { id: 'start', type: 'trigger', label: 'Signed up' },
    { id: 'pause', type: 'wait', label: 'Wait 3 days' },
    { id: 'nudge', type: 'sendEmail' },
  ],
};

describe('the name of a step', () => {
  it('is its label, else its kind with its id, else the id of a step the flow does not have', () => {
    expect(stepName(flow, 'pause')).toBe('Wait 3 days');
    expect(stepName(flow, 'nudge')).toBe('Send email (nudge)');
    expect(stepName(flow, 'gone')).toBe('gone');
    expect(stepName(undefined, 'pause')).toBe('pause');
  });

  it('lists the steps a contact can be moved onto: every step but the triggers', () => {
    expect(stepsOf(flow)).toEqual([
      { id: 'pause', name: 'Wait 3 days' },
      { id: 'nudge', name: 'Send email (nudge)' },
    ]);
  });
});
