import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFlow } from './validateFlow.ts';
import { validateForPublishing } from './validateForPublishing.ts';
import { fixturePath } from '../../../test/fixtures.ts';

const whitepaper = JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'flow.json'), 'utf8'));

describe('validateForPublishing', () => {
  it('makes a step no trigger reaches an error that blocks publishing, saying what to do', () => {
    // The edge into "engaged" replaced by one to "done": everything after the welcome email is cut off.
    const cut = { ...whitepaper, edges: whitepaper.edges.map((e: { from: string }) => (e.from === 'welcome' ? { from: 'welcome', to: 'done' } : e)) };
    expect(validateFlow(cut).ok).toBe(true);
    const v = validateForPublishing(cut);
    expect(v.ok).toBe(false);
    const unreachable = v.problems.filter((p) => p.code === 'unreachable-node');
    expect(unreachable.map((p) => [p.severity, p.nodeId])).toEqual([
      ['error', 'engaged'],
      ['error', 'case-study'],
      ['error', 'reminder'],
      ['error', 'wait-4d'],
      ['error', 'ready'],
      ['error', 'to-sales'],
      ['error', 'last-chance'],
    ]);
    expect(unreachable[0]!.message).toBe(
      'Node "engaged": no trigger leads to this step, so no contact would ever reach it: connect it to the flow or delete it before publishing.',
    );
  });

  it('keeps every other problem as the spec has it', () => {
    expect(validateForPublishing(whitepaper)).toEqual(validateFlow(whitepaper));
    const open = { ...whitepaper, edges: whitepaper.edges.filter((e: { from: string }) => e.from !== 'to-sales') };
    expect(validateForPublishing(open).problems).toEqual(validateFlow(open).problems);
    expect(validateForPublishing(open).problems.length).toBeGreaterThan(0);
  });
});
