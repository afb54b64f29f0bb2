import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Flow, readScenario, readScoring } from '@hourglass/documents';
import { simulate } from '@hourglass/engine';
import { simulationHighlight } from './simulationHighlight.ts';
import { fixturePath } from '../../../../test/fixtures.ts';

const read = (name: string) => JSON.parse(readFileSync(fixturePath('whitepaper-nurture', name), 'utf8'));
const flow = Flow.parse(read('flow.json'));
const scenario = readScenario(read('anna.scenario.json'));
const scoring = readScoring(read('scoring.json'));
if (!scenario.ok || !scoring.ok) throw new Error('the examples must be valid');
const sim = simulate({ flow, scenario: scenario.value, scoring: scoring.value });

describe('simulationHighlight', () => {
  it('marks every node of the trace visited and the edges between consecutive steps, by the port left by, taken', () => {
    const h = simulationHighlight(sim.trace, flow.edges);
    expect(new Set(h.visitedNodes)).toEqual(new Set(sim.trace.enrolments.flatMap((e) => e.steps.map((s) => s.node))));
    expect(h.takenEdges).toContain('engaged→met→case-study');
    expect(h.takenEdges).not.toContain('engaged→timeout→reminder');
    expect(h.visitedNodes).not.toContain('reminder');
  });

  it('leaves out an edge the flow no longer has', () => {
    const h = simulationHighlight(
      sim.trace,
      flow.edges.filter((e) => e.from !== 'start'),
    );
    expect(h.takenEdges).not.toContain('start→→welcome');
    expect(h.visitedNodes).toContain('start');
  });
});
