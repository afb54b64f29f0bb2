import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileFlow } from '@hourglass/compiler';
import { createFlowMachine } from './flowMachine.ts';
import { simulate } from './simulate.ts';
import { randomFlow, randomRun, validFlow } from './randomFlows.ts';

describe('engine properties', () => {
  it('compiles every random valid flow to a machine XState accepts', () => {
    fc.assert(
      fc.property(randomFlow, (doc) => {
        const flow = validFlow(doc);
        fc.pre(flow !== null);
        const compiled = compileFlow(flow!);
        expect(Object.keys(compiled.machine.states)).toEqual(expect.arrayContaining(flow!.nodes.map((n) => n.id)));
        expect(() => createFlowMachine(compiled)).not.toThrow();
        expect(compileFlow(flow!)).toEqual(compiled); // pure: same input, same output
      }),
      { numRuns: 150 },
    );
  });

  it('ends or waits within the horizon for every random flow and timeline', () => {
    fc.assert(
      fc.property(randomRun, ({ flow, scenario }) => {
        fc.pre(flow !== null);
        const { trace, end } = simulate({ flow: flow!, scenario });
        const waiting = new Set(['wait', 'waitFor', 'sendEmail']);
        for (const e of trace.enrolments) {
          for (const s of e.steps) expect(Date.parse(s.at)).toBeLessThanOrEqual(end);
          if (e.status === 'active') {
            const node = flow!.nodes.find((n) => n.id === e.position);
            expect(node && waiting.has(node.type)).toBe(true);
            expect(e.endedAt).toBeNull();
          } else {
            expect(e.position).toBeNull();
            expect(Date.parse(e.endedAt!)).toBeLessThanOrEqual(end);
          }
        }
        expect(trace.enrolments.filter((e) => e.status === 'active').length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
  });
});
