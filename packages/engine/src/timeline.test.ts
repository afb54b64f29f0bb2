import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Flow, readScenario, readScoring } from '@hourglass/documents';
import { simulate } from './simulate.ts';
import { simulationTimeline } from './timeline.ts';
import { fixturePath } from '../../../test/fixtures.ts';

const read = (name: string) => JSON.parse(readFileSync(fixturePath('whitepaper-nurture', name), 'utf8'));
const flow = Flow.parse(read('flow.json'));
const scenario = readScenario(read('anna.scenario.json'));
const scoring = readScoring(read('scoring.json'));
if (!scenario.ok || !scoring.ok) throw new Error('the examples must be valid');
const sim = simulate({ flow, scenario: scenario.value, scoring: scoring.value });

describe('simulationTimeline', () => {
  it('lists every step, email and handoff of the simulation in time order', () => {
    const t = simulationTimeline(sim);
    expect(t.filter((e) => e.kind === 'step').map((e) => e.node)).toEqual(sim.trace.enrolments.flatMap((e) => e.steps.map((s) => s.node)));
    expect(t.filter((e) => e.kind === 'email')).toHaveLength(sim.emails.length);
    expect(t.filter((e) => e.kind === 'handoff')).toHaveLength(sim.handoffs.length);
    expect(t.map((e) => e.at)).toEqual([...t.map((e) => e.at)].sort((a, b) => a - b));
  });

  it('gives a handoff its owner and the score split at the handoff', () => {
    const handoff = simulationTimeline(sim).find((e) => e.kind === 'handoff');
    expect(handoff).toMatchObject({ node: 'to-sales', owner: sim.handoffs[0]!.owner, score: sim.handoffs[0]!.score });
  });

  it('puts an email right after the step that sent it, with its rendered subject and body', () => {
    const t = simulationTimeline(sim);
    const i = t.findIndex((e) => e.kind === 'email' && e.node === 'welcome');
    expect(t[i - 1]).toMatchObject({ kind: 'step', node: 'welcome' });
    expect(t[i]).toMatchObject({ subject: 'Your whitepaper, Anna' });
    expect(t[i]?.kind === 'email' && t[i].body).toContain('Hi Anna');
  });
});
