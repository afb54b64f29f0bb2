import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { readFlow } from '@hourglass/documents';
import { compileFlow } from '@hourglass/compiler';
import { createFlowMachine, delayEnd, pureTransition, type MachineEvent } from './flowMachine.ts';
import { fixturePath } from '../../../test/fixtures.ts';

const flow = (() => {
  const r = readFlow(JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'flow.json'), 'utf8')));
  if (!r.ok) throw new Error('invalid example');
  return r.value;
})();

describe('pureTransition', () => {
  it('gives the same snapshots and actions as xstate\'s transition()', () => {
    const machine = createFlowMachine(compileFlow(flow));
    const fast = pureTransition(machine);
    const world = { contactId: 'c', lastSeq: () => 3, holds: () => false, property: () => undefined };
    const ev = (type: string, extra = {}): MachineEvent => ({ type, at: 1000, world, entered: new Set(), ...extra });
    let [a] = initialTransition(machine);
    let b = a;
    for (const e of [ev('ENROL', { trigger: 'start' }), ev('STEP'), ev('STEP'), ev('STEP'), ev('INPUT')]) {
      const [na, actionsA] = transition(machine, a, e as never);
      const [nb, actionsB] = fast(b as never, e);
      expect(nb.value).toEqual(na.value);
      expect(nb.context).toEqual(na.context);
      expect(actionsB.map((x) => [x.type, x.params])).toEqual(actionsA.map((x) => [x.type, x.params]));
      a = na;
      b = nb as never;
    }
    expect(b.value).toEqual({ engaged: 'waiting' });
  });
});

describe('delayEnd', () => {
  const world = { contactId: 'c', lastSeq: () => 0, holds: () => false, property: (n: string) => (n === 'renewal' ? '2026-05-01T00:00:00Z' : undefined) };
  it('computes each kind of delay from the instant of entry', () => {
    const at = Date.parse('2026-03-02T08:00:00Z');
    expect(delayEnd({ type: 'timeout', params: { duration: 'PT3H' } }, at, world)).toBe(at + 3 * 3_600_000);
    expect(delayEnd({ type: 'wait', params: { node: 'w', wait: { until: { property: 'renewal', offset: '-P1D' } }, timezone: 'UTC' } }, at, world)).toBe(Date.parse('2026-04-30T00:00:00Z'));
    expect(delayEnd({ type: 'sendWindow', params: { window: { days: ['mon'], from: '09:00', to: '10:00' }, timezone: 'UTC' } }, at, world)).toBe(Date.parse('2026-03-02T09:00:00Z'));
  });
});
