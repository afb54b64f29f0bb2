// Random valid flows and timelines for property tests (fast-check arbitraries, test-only).
import fc from 'fast-check';
import { FIXED_PORTS, validateFlow, type Flow, type Scenario } from '@hourglass/documents';
import { scenarioOf } from './testSupport.ts';

// Random valid flows: a trigger, then nodes where every edge points to a later node, so there is
// never a cycle of instant nodes. Loops are added only through waits or waitFors.
const durations = ['PT1H', 'P1D', 'P3D', 'PT30M'];
const condition = fc.oneof(
  fc.record({ score: fc.record({ gte: fc.integer({ min: 0, max: 60 }) }) }),
  fc.record({ stage: fc.record({ gte: fc.constantFrom('lead', 'mql', 'customer') }) }),
  fc.record({ event: fc.record({ type: fc.constantFrom('click', 'open', 'visit') }) }),
  fc.record({ property: fc.record({ name: fc.constant('employees'), gte: fc.integer({ min: 0, max: 200 }) }) }),
);
const nodeConfig = fc.oneof(
  fc.record({
    type: fc.constant('wait'),
    config: fc.oneof(
      fc.record({ for: fc.constantFrom(...durations) }),
      fc.record({ until: fc.record({ time: fc.constantFrom('09:00', '18:30'), days: fc.constantFrom(['mon', 'fri'], ['sat']) }) }),
    ),
  }),
  fc.record({ type: fc.constant('waitFor'), config: fc.record({ until: condition, timeout: fc.constantFrom(...durations) }) }),
  fc.record({ type: fc.constant('sendEmail'), config: fc.constant({ subject: 'Hi {{ contact.firstName | default: "there" }}', body: 'x' }) }),
  fc.record({ type: fc.constant('condition'), config: fc.record({ if: condition }) }),
  fc.record({
    type: fc.constant('split'),
    config: fc.constant({
      branches: [
        { key: 'a', weight: 1 },
        { key: 'b', weight: 2 },
      ],
    }),
  }),
  fc.record({
    type: fc.constant('update'),
    config: fc.record({ addScore: fc.integer({ min: -10, max: 30 }), stage: fc.constantFrom('lead', 'mql', 'customer') }),
  }),
  fc.record({ type: fc.constant('handoff'), config: fc.constant({ roundRobin: ['a@x.io', 'b@x.io'] }) }),
  fc.record({ type: fc.constant('exit'), config: fc.constant({}) }),
);
const portsOf = (n: { type: string }): readonly (string | undefined)[] => (n.type === 'split' ? ['a', 'b'] : FIXED_PORTS[n.type as keyof typeof FIXED_PORTS]);

export const randomFlow = fc
  .record({
    nodes: fc.array(nodeConfig, { minLength: 1, maxLength: 12 }),
    picks: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
    loopBack: fc.boolean(),
    withWindow: fc.boolean(),
    withGoal: fc.boolean(),
  })
  .map(({ nodes, picks, loopBack, withWindow, withGoal }) => {
    const all = [{ id: 'start', type: 'trigger', config: { on: 'event', event: 'signup' } }, ...nodes.map((n, i) => ({ id: `n${i}`, ...n }))];
    const edges: { from: string; to: string; port?: string }[] = [];
    let k = 0;
    all.forEach((n, i) => {
      for (const port of portsOf(n)) {
        const pick = picks[k++ % picks.length]!;
        const later = all.length - i - 1;
        const waits = n.type === 'wait' || n.type === 'waitFor';
        if (waits && loopBack && i > 1 && pick % 3 === 0) edges.push({ from: n.id, to: all[1 + (pick % (i - 1))]!.id, ...(port ? { port } : {}) });
        else if (later > 0 && (n.type === 'trigger' || pick % 5 !== 0))
          edges.push({ from: n.id, to: all[i + 1 + (pick % later)]!.id, ...(port ? { port } : {}) });
      }
    });
    const settings: Record<string, unknown> = { timezone: 'Europe/Vienna' };
    if (withWindow) settings.sendWindow = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' };
    if (withGoal) settings.goal = { stage: { gte: 'customer' } };
    return { format: 'hourglass.flow/1', id: 'random', name: 'Random', settings, nodes: all, edges };
  });

export const randomEvents = fc.array(
  fc.record({ at: fc.integer({ min: 0, max: 40 * 24 }).map((h) => `PT${h}H`), type: fc.constantFrom('signup', 'click', 'open', 'visit') }),
  { maxLength: 12 },
);

export function validFlow(doc: unknown): Flow | null {
  const v = validateFlow(doc);
  return v.ok && v.flow ? v.flow : null;
}

/**
 * A random flow (null when it does not validate: skip it with `fc.pre`) and a scenario of 30
 * days starting with the signup that enrols, then a random timeline.
 */
export const randomRun = fc
  .tuple(randomFlow, randomEvents, fc.integer({ min: 0, max: 300 }))
  .map(([doc, events, employees]): { flow: Flow | null; scenario: Scenario } => ({
    flow: validFlow(doc),
    scenario: scenarioOf({
      start: '2026-03-27T10:00:00Z',
      horizon: 'P30D',
      contact: { id: 'c', email: 'c@x.io', properties: { employees } },
      events: [{ at: 'PT0S', type: 'signup' }, ...events],
    }),
  }));
