import { describe, expect, it } from 'vitest';
import type { Flow, TriggerConfig } from './flow.ts';
import { triggerOverlap, triggerOverlaps } from './triggerOverlap.ts';

const flowOf = (id: string, ...triggers: TriggerConfig[]): Flow => ({
  format: 'hourglass.flow/1',
  id,
  name: `Flow ${id}`,
  settings: {},
  nodes: triggers.map((config, i) => ({ id: `t${i}`, type: 'trigger', config })),
  edges: [],
});

describe('triggerOverlap', () => {
  it('finds the same event whose filters some event passes both, and says with which filter', () => {
    expect(triggerOverlap({ on: 'event', event: 'form_submitted', where: { form: 'whitepaper' } }, { on: 'event', event: 'form_submitted' })).toBe(
      'both start on form_submitted with form = whitepaper',
    );
    expect(
      triggerOverlap(
        { on: 'event', event: 'form_submitted', where: { form: ['whitepaper', 'ebook'] } },
        { on: 'event', event: 'form_submitted', where: { form: ['ebook', 'demo'], plan: 'pro' } },
      ),
    ).toBe('both start on form_submitted with form = ebook, plan = pro');
    expect(triggerOverlap({ on: 'event', event: 'signup' }, { on: 'event', event: 'signup' })).toBe('both start on signup');
  });

  it('finds no overlap between other events, filters no event passes both, or manual triggers', () => {
    expect(triggerOverlap({ on: 'event', event: 'signup' }, { on: 'event', event: 'form_submitted' })).toBeNull();
    expect(
      triggerOverlap(
        { on: 'event', event: 'form_submitted', where: { form: 'whitepaper' } },
        { on: 'event', event: 'form_submitted', where: { form: 'demo' } },
      ),
    ).toBeNull();
    // Matching is strict: the number 1 is not the text "1".
    expect(triggerOverlap({ on: 'event', event: 'e', where: { n: 1 } }, { on: 'event', event: 'e', where: { n: '1' } })).toBeNull();
    expect(triggerOverlap({ on: 'manual' }, { on: 'manual' })).toBeNull();
    expect(triggerOverlap({ on: 'stage', stage: 'mql' }, { on: 'score', gte: 50 })).toBeNull();
  });

  it('finds the same stage, and any two score thresholds', () => {
    expect(triggerOverlap({ on: 'stage', stage: 'mql' }, { on: 'stage', stage: 'mql' })).toBe('both start when the stage reaches MQL');
    expect(triggerOverlap({ on: 'stage', stage: 'mql' }, { on: 'stage', stage: 'sql' })).toBeNull();
    expect(triggerOverlap({ on: 'score', gte: 50 }, { on: 'score', gte: 50 })).toBe('both start when the score reaches 50');
    expect(triggerOverlap({ on: 'score', gte: 50 }, { on: 'score', gte: 60 })).toBe(
      'a contact whose score reaches 60 enters both (this flow starts at 50, the other at 60)',
    );
  });
});

describe('triggerOverlaps', () => {
  it('pairs every trigger of a flow with the overlapping triggers of the other live flows, never its own', () => {
    const mine = flowOf('mine', { on: 'event', event: 'signup' }, { on: 'stage', stage: 'sql' });
    const live = [
      { version: 3, flow: flowOf('mine', { on: 'event', event: 'signup' }) },
      { version: 1, flow: flowOf('other', { on: 'manual' }, { on: 'stage', stage: 'sql' }) },
      { version: 2, flow: flowOf('third', { on: 'event', event: 'signup', where: { plan: 'pro' } }) },
    ];
    expect(triggerOverlaps(mine, live)).toEqual([
      { nodeId: 't0', flowId: 'third', flowName: 'Flow third', version: 2, otherNodeId: 't0', reason: 'both start on signup with plan = pro' },
      { nodeId: 't1', flowId: 'other', flowName: 'Flow other', version: 1, otherNodeId: 't1', reason: 'both start when the stage reaches SQL' },
    ]);
  });
});
