import type { ScoreSplit } from './records.ts';
import type { Simulation } from './simulate.ts';

/**
 * One line of a simulation's timeline, as the editor's Simulate panel and `hourglass simulate`
 * show it; `node` is where the editor's marker goes on the canvas.
 */
export type TimelineEntry =
  | { kind: 'step'; at: number; node: string; type: string; port?: string; enrolment: number }
  | { kind: 'email'; at: number; node: string; subject: string; body: string; to: string | null; suppressed?: string; error?: string; notification: boolean }
  | { kind: 'handoff'; at: number; node: string; owner: string | null; score: ScoreSplit };

interface Keyed {
  e: TimelineEntry;
  step: number;
  sub: number;
}

/**
 * Every step, email and handoff of a simulation in time order. An email or handoff comes right
 * after the step of its node that caused it (the last one at or before it), so that at one instant
 * "welcome" is followed by its email rather than by the next step.
 */
export function simulationTimeline(sim: Simulation): TimelineEntry[] {
  const keyed: Keyed[] = [];
  const steps: { node: string; at: number }[] = [];
  sim.trace.enrolments.forEach((enrolment, i) => {
    for (const s of enrolment.steps) {
      const at = Date.parse(s.at);
      keyed.push({
        e: { kind: 'step', at, node: s.node, type: s.type, ...(s.port !== undefined ? { port: s.port } : {}), enrolment: i },
        step: steps.length,
        sub: 0,
      });
      steps.push({ node: s.node, at });
    }
  });
  let sub = 1;
  const cause = (node: string, at: number) => {
    for (let i = steps.length - 1; i >= 0; i--) if (steps[i]!.node === node && steps[i]!.at <= at) return i;
    return steps.length;
  };
  for (const m of sim.emails) {
    keyed.push({
      e: {
        kind: 'email',
        at: m.at,
        node: m.node,
        subject: m.subject,
        body: m.body,
        to: m.to,
        notification: m.kind === 'notification',
        ...(m.suppressed ? { suppressed: m.suppressed } : {}),
        ...(m.error ? { error: m.error } : {}),
      },
      step: cause(m.node, m.at),
      sub: sub++,
    });
  }
  for (const h of sim.handoffs)
    keyed.push({ e: { kind: 'handoff', at: h.at, node: h.node, owner: h.owner, score: h.score }, step: cause(h.node, h.at), sub: sub++ });
  return keyed.sort((a, b) => a.e.at - b.e.at || a.step - b.step || a.sub - b.sub).map((k) => k.e);
}
