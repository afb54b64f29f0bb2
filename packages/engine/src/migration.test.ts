import { describe, expect, it } from 'vitest';
import type { Flow } from '@hourglass/documents';
import { Engine } from './engine.ts';
import { MemoryStore } from './memoryStore.ts';
import { defaultNodeMap, migrateAll, nodeMap, nodeMapProblems, type MigrationPlan } from './migration.ts';
import { flowOf, onEvent } from './testSupport.ts';
import { buildTrace } from './trace.ts';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const H = 3_600_000;
const D = 24 * H;

const mail = (id: string) => ({ id, type: 'sendEmail', config: { subject: `Mail ${id}`, body: 'x' } });
const start = { id: 'start', type: 'trigger', config: onEvent('signup') };
/** start → w (a wait) → then (an email) → done. */
const waitFlow = (wait: unknown, then: string, settings: Record<string, unknown> = {}) =>
  flowOf(
    [start, { id: 'w', type: 'wait', config: wait }, mail(then), { id: 'done', type: 'exit' }],
    [
      ['start', 'w'],
      ['w', then],
      [then, 'done'],
    ],
    settings,
  );

/** An engine with version 1 of a flow live, contact c enrolled at T0, then version 2 published. */
function enrolled(a: Flow, b: Flow, properties: Record<string, string> = {}) {
  const store = new MemoryStore();
  const engine = new Engine({ store });
  engine.addFlow(a, 1);
  engine.putContact({ id: 'c', email: 'c@x.io', stage: 'subscriber', owner: null, properties, adjustments: 0 });
  engine.ingest({ contactId: 'c', at: T0, type: 'signup' });
  engine.addFlow(b, 2);
  const e = () => store.enrolmentsOf(a.id, 'c')[0]!;
  const plan = (more: Partial<MigrationPlan> = {}): MigrationPlan => ({ flowId: a.id, from: 1, to: 2, map: nodeMap(a, b), unmapped: 'stay', ...more });
  const migrate = (at: number, more: Partial<MigrationPlan> = {}) => {
    engine.fireTimersUntil(at);
    return migrateAll(engine, plan(more), at);
  };
  const steps = () => store.stepsOf(e().id).map((s) => [new Date(s.at).toISOString().slice(5, 16), s.node, ...(s.migratedFrom ? [s.migratedFrom] : [])]);
  return { store, engine, e, migrate, steps };
}

describe('a migration of one enrolment', () => {
  it('keeps the instant a contact entered its wait and computes the deadline under the new version', () => {
    const run = enrolled(waitFlow({ for: 'P3D' }, 'old'), waitFlow({ for: 'P2D' }, 'new'));
    expect(run.migrate(T0 + D)).toEqual({ moved: 1, goal: 0, stayed: 0, exited: 0 });
    expect(run.e()).toMatchObject({ version: 2, position: 'w', status: 'active' });
    expect(run.e().timers.map((t) => t.wakeAt)).toEqual([T0 + 2 * D]);
    run.engine.fireTimersUntil(T0 + 10 * D);
    expect(run.steps()).toEqual([
      ['03-02T08:00', 'start'],
      ['03-02T08:00', 'w'],
      ['03-03T08:00', 'w', { version: 1, node: 'w' }],
      ['03-04T08:00', 'new'],
      ['03-04T08:00', 'done'],
    ]);
    expect(run.store.emailsOf('c').map((m) => m.subject)).toEqual(['Mail new']);
  });

  it('fires a deadline that is already past under the new version at the migration instant', () => {
    const run = enrolled(waitFlow({ for: 'P3D' }, 'old'), waitFlow({ for: 'PT12H' }, 'new'));
    run.migrate(T0 + D);
    expect(run.e()).toMatchObject({ version: 2, status: 'completed', endedAt: T0 + D });
    expect(run.steps().slice(2)).toEqual([
      ['03-03T08:00', 'w', { version: 1, node: 'w' }],
      ['03-03T08:00', 'new'],
      ['03-03T08:00', 'done'],
    ]);
  });

  it('keeps the very timer of a wait whose configuration did not change, even when computing it again would differ', () => {
    const wait = { until: { property: 'demoAt' } };
    const run = enrolled(waitFlow(wait, 'old'), waitFlow(wait, 'new'), { demoAt: new Date(T0 + 5 * D).toISOString() });
    run.engine.updateContact('c', { properties: { demoAt: new Date(T0 + 6 * D).toISOString() } }, T0 + H);
    const before = run.e().timers;
    run.migrate(T0 + D);
    expect(run.e().timers).toEqual(before);
    expect(run.e().timers.map((t) => t.wakeAt)).toEqual([T0 + 5 * D]);
  });

  it('computes a changed wait again from the contact as it is now', () => {
    const run = enrolled(waitFlow({ until: { property: 'demoAt' } }, 'old'), waitFlow({ until: { property: 'demoAt', offset: 'PT1H' } }, 'new'), {
      demoAt: new Date(T0 + 5 * D).toISOString(),
    });
    run.engine.updateContact('c', { properties: { demoAt: new Date(T0 + 6 * D).toISOString() } }, T0 + H);
    run.migrate(T0 + D);
    expect(run.e().timers.map((t) => t.wakeAt)).toEqual([T0 + 6 * D + H]);
  });

  it("ends the enrolment with status goal when the new version's goal is met at the migration instant", () => {
    const run = enrolled(waitFlow({ for: 'P3D' }, 'old'), waitFlow({ for: 'P3D' }, 'new', { goal: { stage: { gte: 'mql' } } }));
    run.engine.updateContact('c', { stage: 'mql' }, T0 + H);
    expect(run.migrate(T0 + D)).toEqual({ moved: 1, goal: 1, stayed: 0, exited: 0 });
    expect(run.e()).toMatchObject({ version: 2, status: 'goal', endedAt: T0 + D, position: null, timers: [] });
    expect(run.store.dueTimers(Infinity, 10)).toEqual([]);
  });

  it('leaves a contact on a node the new version lacks where it is, or ends it as completed when asked', () => {
    const a = waitFlow({ for: 'P3D' }, 'old');
    const b = flowOf(
      [start, { id: 'pause', type: 'wait', config: { for: 'P1D' } }, { id: 'done', type: 'exit' }],
      [
        ['start', 'pause'],
        ['pause', 'done'],
      ],
    );
    expect(defaultNodeMap(a, b)).toEqual({ start: 'start', w: null, old: null, done: 'done' });
    const stay = enrolled(a, b);
    const timers = stay.e().timers;
    expect(stay.migrate(T0 + D)).toEqual({ moved: 0, goal: 0, stayed: 1, exited: 0 });
    expect(stay.e()).toMatchObject({ version: 1, position: 'w', status: 'active' });
    expect(stay.e().timers).toBe(timers);
    const exit = enrolled(a, b);
    expect(exit.migrate(T0 + D, { unmapped: 'exit' })).toEqual({ moved: 0, goal: 0, stayed: 0, exited: 1 });
    expect(exit.e()).toMatchObject({ version: 1, position: null, status: 'completed', endedAt: T0 + D, timers: [] });
    expect(exit.store.dueTimers(Infinity, 10)).toEqual([]);
  });

  it('enters a node of another type at the migration instant and runs on from there', () => {
    const a = waitFlow({ for: 'P3D' }, 'old');
    const b = waitFlow({ for: 'P3D' }, 'new');
    const run = enrolled(a, b);
    run.migrate(T0 + D, { map: { ...nodeMap(a, b), w: 'new' } });
    expect(run.e()).toMatchObject({ version: 2, status: 'completed', endedAt: T0 + D });
    expect(run.steps().slice(2)).toEqual([
      ['03-03T08:00', 'new', { version: 1, node: 'w' }],
      ['03-03T08:00', 'done'],
    ]);
    expect(run.store.emailsOf('c').map((m) => [m.subject, m.at])).toEqual([['Mail new', T0 + D]]);
  });

  it('counts the events since the contact entered its waitFor when it moves onto another waitFor', () => {
    const waitFor = (until: string) =>
      flowOf(
        [start, { id: 'wf', type: 'waitFor', config: { until: { event: { type: until } }, timeout: 'P7D' } }, mail('yes'), mail('no')],
        [
          ['start', 'wf'],
          ['wf', 'yes', 'met'],
          ['wf', 'no', 'timeout'],
        ],
      );
    const run = enrolled(waitFor('email_clicked'), waitFor('email_opened'));
    run.engine.ingest({ contactId: 'c', at: T0 + H, type: 'email_opened' });
    run.migrate(T0 + 2 * H);
    expect(run.e()).toMatchObject({ version: 2, status: 'completed' });
    expect(run.store.stepsOf(run.e().id).map((s) => [s.node, s.port])).toEqual([
      ['start', undefined],
      ['wf', undefined],
      ['wf', 'met'],
      ['yes', undefined],
    ]);
  });

  it('keeps one enrolment (no re-entry rule) and shows the move in the trace', () => {
    const a = waitFlow({ for: 'P3D' }, 'old');
    const run = enrolled(a, waitFlow({ for: 'P2D' }, 'new', { reentry: 'never' }));
    run.migrate(T0 + D);
    expect(run.store.enrolmentsOf(a.id, 'c')).toHaveLength(1);
    const trace = buildTrace(run.store, a, 'c', T0 + D, undefined);
    expect(trace.enrolments[0]!.steps[2]).toEqual({ at: '2026-03-03T08:00:00.000Z', node: 'w', type: 'wait', migratedFrom: { version: 1, node: 'w' } });
    expect(trace.enrolments[0]!.position).toBe('w');
  });

  it('names the nodes of a chosen map that are in neither version', () => {
    const a = waitFlow({ for: 'P3D' }, 'old');
    const b = waitFlow({ for: 'P2D' }, 'new');
    expect(nodeMapProblems(a, b, { w: 'new', gone: 'w', old: 'nowhere', done: null }).map((p) => [p.code, p.node])).toEqual([
      ['unknown-node', 'gone'],
      ['unknown-target', 'old'],
    ]);
  });
});
