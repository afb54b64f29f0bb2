import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Flow, Trace, readScenario, readScoring } from '@hourglass/documents';
import { runAllScenarios } from './runAllScenarios.ts';
import { fixturePath } from '../../../../test/fixtures.ts';

const read = (name: string) => JSON.parse(readFileSync(fixturePath('whitepaper-nurture', name), 'utf8'));
const flow = Flow.parse(read('flow.json'));
const scoring = readScoring(read('scoring.json'));
const scenario = (name: string) => {
  const r = readScenario(read(`${name}.scenario.json`));
  if (!r.ok) throw new Error(`${name} must be valid`);
  return r.value;
};
if (!scoring.ok) throw new Error('the scoring model must be valid');

describe('runAllScenarios', () => {
  it('finds the examples unchanged against their expected traces, and says when none was kept', () => {
    const outcomes = runAllScenarios(
      flow,
      [
        { name: 'anna', scenario: scenario('anna'), expected: Trace.parse(read('anna.expected.json')) },
        { name: 'ben', scenario: scenario('ben'), expected: Trace.parse(read('ben.expected.json')) },
        { name: 'clara', scenario: scenario('clara') },
      ],
      scoring.value,
    );
    expect(outcomes.map((o) => [o.name, o.status])).toEqual([
      ['anna', 'same'],
      ['ben', 'same'],
      ['clara', 'no-expected'],
    ]);
  });

  it('lists what changed when the flow changed under a scenario', () => {
    const slower = { ...flow, nodes: flow.nodes.map((n) => (n.id === 'wait-4d' ? { ...n, config: { for: 'P5D' } } : n)) } as Flow;
    const [ben] = runAllScenarios(slower, [{ name: 'ben', scenario: scenario('ben'), expected: Trace.parse(read('ben.expected.json')) }], scoring.value);
    expect(ben?.status).toBe('changed');
    expect(ben?.status === 'changed' && ben.changes.length).toBeGreaterThan(0);
  });

  it('reports a scenario the flow cannot run instead of failing the others', () => {
    const [bad, anna] = runAllScenarios(
      flow,
      [
        { name: 'bad', scenario: { ...scenario('anna'), enrol: true } },
        { name: 'anna', scenario: scenario('anna') },
      ],
      scoring.value,
    );
    expect(bad).toMatchObject({ status: 'error', message: expect.stringContaining('manual trigger') });
    expect(anna?.status).toBe('no-expected');
  });
});
