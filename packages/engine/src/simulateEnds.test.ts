// The simulator, continued (simulate.test.ts has entry to update): handoffs, loops, ending and limits.
import { describe, expect, it } from 'vitest';
import { cond, flowOf, onEvent, path, run, scenarioOf } from './testSupport.ts';
import { SIMULATION_LIMITS, SimulationLimitError, simulate } from './simulate.ts';

const trigger = (config: unknown = onEvent('signup')) => ({ id: 'start', type: 'trigger', config });
const exit = { id: 'done', type: 'exit' };
const signup = { at: 'PT0S', type: 'signup' };

describe('handoff (spec §4.10)', () => {
  const handoffFlow = (config: unknown) => flowOf([trigger(), { id: 'h', type: 'handoff', config }], [['start', 'h']]);

  it('keeps an existing owner', () => {
    const sim = run(handoffFlow({ routing: [{ if: { stage: { gte: 'subscriber' } }, owner: 'rule@x.io' }], fallback: 'f@x.io' }), {
      contact: { id: 'c', owner: 'mine@x.io' },
      events: [signup],
    });
    expect(sim.trace.handoffs[0]!.owner).toBe('mine@x.io');
  });

  it('takes the owner of the first routing rule that holds, else the fallback', () => {
    const flow = handoffFlow({
      routing: [
        { if: { property: { name: 'country', eq: 'AT' } }, owner: 'at@x.io' },
        { if: { property: { name: 'country', exists: true } }, owner: 'world@x.io' },
      ],
      fallback: 'f@x.io',
    });
    expect(run(flow, { contact: { id: 'c', properties: { country: 'AT' } }, events: [signup] }).trace.handoffs[0]!.owner).toBe('at@x.io');
    expect(run(flow, { contact: { id: 'c', properties: { country: 'US' } }, events: [signup] }).trace.handoffs[0]!.owner).toBe('world@x.io');
    expect(run(flow, { contact: { id: 'c' }, events: [signup] }).trace.handoffs[0]!.owner).toBe('f@x.io');
  });

  it('records how the owner was chosen: the existing owner, a routing rule by its number, round robin, the fallback or none', () => {
    const config = { routing: [{ if: { property: { name: 'country', eq: 'AT' } }, owner: 'at@x.io' }], fallback: 'f@x.io' };
    const routeOf = (cfg: unknown, contact: Record<string, unknown>) =>
      run(handoffFlow(cfg), { contact: { id: 'c', ...contact }, events: [signup] }).handoffs[0]!.route;
    expect(routeOf(config, { owner: 'mine@x.io', properties: { country: 'AT' } })).toBe('owner');
    expect(routeOf(config, { properties: { country: 'AT' } })).toBe('rule-1');
    expect(routeOf({ routing: [{ if: { stage: { gte: 'customer' } }, owner: 'x@x.io' }, ...config.routing] }, { properties: { country: 'AT' } })).toBe(
      'rule-2',
    );
    expect(routeOf(config, {})).toBe('fallback');
    expect(routeOf({ ...config, roundRobin: ['r@x.io'] }, {})).toBe('round-robin');
    expect(routeOf({}, {})).toBe('none');
  });

  it('chooses no owner when nothing applies, and still moves the stage to sql by default', () => {
    const sim = run(handoffFlow({}), { contact: { id: 'c', stage: 'lead' }, events: [signup] });
    expect(sim.trace.handoffs[0]!.owner).toBeNull();
    expect(sim.trace.contact.stage).toBe('sql');
  });

  it('moves the stage forward to the configured stage but never back', () => {
    expect(run(handoffFlow({ stage: 'opportunity', fallback: 'f@x.io' }), { events: [signup] }).trace.contact.stage).toBe('opportunity');
    expect(run(handoffFlow({ fallback: 'f@x.io' }), { contact: { id: 'c', stage: 'customer' }, events: [signup] }).trace.contact.stage).toBe('customer');
  });

  it('records what sales needs and notifies the owner unless notify is false', () => {
    const scoring = { fit: [{ if: { property: { name: 'employees', gte: 50 } }, points: 15 }], behaviour: [{ event: 'signup', points: 5 }] };
    const sim = run(handoffFlow({ fallback: 'f@x.io' }), { contact: { id: 'c', properties: { employees: 60 } }, events: [signup] }, scoring);
    expect(sim.handoffs[0]).toMatchObject({ owner: 'f@x.io', score: { score: 20, fit: 15, behaviour: 5, adjustments: 0 }, stage: 'sql' });
    expect(sim.handoffs[0]!.recentEvents.map((e) => e.type)).toEqual(['signup']);
    expect(sim.emails.filter((m) => m.kind === 'notification').map((m) => m.to)).toEqual(['f@x.io']);
    expect(sim.trace.emails).toEqual([]);
    const quiet = run(handoffFlow({ fallback: 'f@x.io', notify: false }), { events: [signup] });
    expect(quiet.emails.filter((m) => m.kind === 'notification')).toEqual([]);
  });
});

describe('loops (spec §4.11)', () => {
  it('lets a contact loop through a wait and count each pass', () => {
    const flow = flowOf(
      [
        trigger(),
        { id: 'nudge', type: 'sendEmail', config: { subject: 'Nudge', body: 'x' } },
        { id: 'wf', type: 'waitFor', config: { until: { event: { type: 'reply' } }, timeout: 'P7D' } },
        exit,
      ],
      [
        ['start', 'nudge'],
        ['nudge', 'wf'],
        ['wf', 'nudge', 'timeout'],
        ['wf', 'done', 'met'],
      ],
    );
    const sim = run(flow, { events: [signup, { at: 'P15D', type: 'reply' }] });
    expect(sim.trace.emails.map((m) => m.at)).toEqual(['2026-03-02T08:00:00.000Z', '2026-03-09T08:00:00.000Z', '2026-03-16T08:00:00.000Z']);
    expect(sim.trace.status).toBe('completed');
  });
});

describe('ending', () => {
  it('completes the enrolment at a port with no edge', () => {
    const flow = flowOf(
      [trigger(), { id: 'c', type: 'condition', config: cond({ score: { gte: 1 } }) }, exit],
      [
        ['start', 'c'],
        ['c', 'done', 'yes'],
      ],
    );
    const sim = run(flow, { events: [signup] });
    expect(path(sim)).toEqual(['start', 'c:no']);
    expect(sim.trace.enrolments[0]).toMatchObject({ status: 'completed', position: null, endedAt: '2026-03-02T08:00:00.000Z' });
  });

  it('treats events before the start as history that counts but triggers nothing', () => {
    const flow = flowOf(
      [
        trigger(),
        { id: 'c', type: 'condition', config: cond({ event: { type: 'signup', count: { gte: 2 } } }) },
        { id: 'y', type: 'exit' },
        { id: 'n', type: 'exit' },
      ],
      [
        ['start', 'c'],
        ['c', 'y', 'yes'],
        ['c', 'n', 'no'],
      ],
    );
    const sim = run(flow, { events: [{ at: '2026-02-01T00:00:00Z', type: 'signup' }, signup] });
    expect(sim.trace.enrolments).toHaveLength(1);
    expect(path(sim)).toEqual(['start', 'c:yes', 'y']);
  });
});

describe('loops at one instant', () => {
  it('moves a daily "until.time" loop on by a day instead of spinning at one instant', () => {
    const flow = flowOf(
      [trigger(), { id: 'daily', type: 'sendEmail', config: { subject: 'Daily', body: 'x' } }, { id: 'w', type: 'wait', config: { until: { time: '09:00' } } }],
      [
        ['start', 'daily'],
        ['daily', 'w'],
        ['w', 'daily'],
      ],
    );
    const sim = run(flow, { start: '2026-03-02T09:00:00Z', horizon: 'P2D', events: [signup] });
    // Entering at 09:00 sharp resumes at once (spec §4.4), so the first day mails twice.
    expect(sim.trace.emails.map((m) => m.at)).toEqual([
      '2026-03-02T09:00:00.000Z',
      '2026-03-02T09:00:00.000Z',
      '2026-03-03T09:00:00.000Z',
      '2026-03-04T09:00:00.000Z',
    ]);
  });

  it('ends an enrolment whose loop never waits instead of running forever', () => {
    const flow = flowOf(
      [
        trigger(),
        { id: 'mail', type: 'sendEmail', config: { subject: 'Again', body: 'x' } },
        { id: 'w', type: 'wait', config: { until: { at: '2020-01-01T00:00:00Z' } } },
      ],
      [
        ['start', 'mail'],
        ['mail', 'w'],
        ['w', 'mail'],
      ],
    );
    const sim = run(flow, { events: [signup] });
    expect(sim.trace.status).toBe('completed');
    expect(sim.trace.emails.length).toBeGreaterThan(1);
    expect(sim.trace.emails.length).toBeLessThan(1000);
  });
});

describe('limits', () => {
  // A loop through a one-second wait: over 14 days, 1.2 million timers without a limit.
  const loop = flowOf(
    [trigger(), { id: 'tick', type: 'wait', config: { for: 'PT1S' } }, { id: 'add', type: 'update', config: { addScore: 1 } }],
    [
      ['start', 'tick'],
      ['tick', 'add'],
      ['add', 'tick'],
    ],
  );

  it('stops a one-second loop over 14 days at the step limit, not after its 1.2 million timers, with a sentence saying so', () => {
    let error: unknown;
    try {
      run(loop, { events: [signup], horizon: 'P14D' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimulationLimitError);
    expect(error).toMatchObject({ limit: 'maxSteps', message: expect.stringMatching(/after 10,000 steps.*loops through a short wait/) });
  });

  it('runs the same loop when the horizon keeps it under the limit', () => {
    const sim = run(loop, { events: [signup], horizon: 'PT1H' });
    expect(sim.trace.enrolments[0]!.steps.length).toBeLessThanOrEqual(SIMULATION_LIMITS.maxSteps);
    expect(() => simulate({ flow: loop, scenario: scenarioOf({ events: [signup], horizon: 'PT1H' }), limits: { maxSteps: 100 } })).toThrow(
      SimulationLimitError,
    );
  });

  it('refuses a horizon longer than a year', () => {
    expect(() => run(loop, { events: [signup], horizon: 'P367D' })).toThrow(/longer than 366 days.*Shorten "horizon"/);
    expect(run(flowOf([trigger(), exit], [['start', 'done']]), { events: [signup], horizon: 'P366D' }).trace.status).toBe('completed');
  });
});
