import { describe, expect, it } from 'vitest';
import { cond, flowOf, onEvent, path, run } from './testSupport.ts';

const trigger = (config: unknown = onEvent('signup')) => ({ id: 'start', type: 'trigger', config });
const email = (id: string, subject = id) => ({ id, type: 'sendEmail', config: { subject, body: `Body of ${id}` } });
const exit = { id: 'done', type: 'exit' };
const signup = { at: 'PT0S', type: 'signup' };

describe('entry (spec §4.2)', () => {
  it('enters at a matching event and not at an event whose data does not match', () => {
    const flow = flowOf([trigger(onEvent('form_submitted', { form: 'demo' })), exit], [['start', 'done']]);
    expect(run(flow, { events: [{ at: 'PT0S', type: 'form_submitted', data: { form: 'demo' } }] }).trace.status).toBe('completed');
    expect(run(flow, { events: [{ at: 'PT0S', type: 'form_submitted', data: { form: 'other' } }] }).trace.status).toBe('not-enrolled');
  });

  it('enters at the first trigger in node order that fires', () => {
    const flow = flowOf(
      [{ id: 'a', type: 'trigger', config: onEvent('signup') }, { id: 'b', type: 'trigger', config: onEvent('signup') }, exit],
      [
        ['a', 'done'],
        ['b', 'done'],
      ],
    );
    expect(path(run(flow, { events: [signup] }))).toEqual(['a', 'done']);
  });

  it('enters on a stage trigger only when the stage moves from below to the stage or later', () => {
    const flow = flowOf([trigger({ on: 'stage', stage: 'mql' }), exit], [['start', 'done']]);
    expect(run(flow, { events: [{ at: 'P1D', type: 'x', stage: 'sql' }] }).trace.status).toBe('completed');
    expect(run(flow, { contact: { id: 'c', stage: 'mql' }, events: [{ at: 'P1D', type: 'x', stage: 'sql' }] }).trace.status).toBe('not-enrolled');
  });

  it('enters on a score trigger when an input moves the score from below to at least the threshold', () => {
    const flow = flowOf([trigger({ on: 'score', gte: 20 }), exit], [['start', 'done']]);
    const scoring = { behaviour: [{ event: 'click', points: 10 }] };
    const sim = run(
      flow,
      {
        events: [
          { at: 'P1D', type: 'click' },
          { at: 'P2D', type: 'click' },
          { at: 'P3D', type: 'click' },
        ],
      },
      scoring,
    );
    expect(sim.trace.enrolments).toHaveLength(1);
    expect(sim.trace.enrolments[0]!.enteredAt).toBe('2026-03-04T08:00:00.000Z');
  });

  it('enrols by hand through the manual trigger when the scenario says enrol', () => {
    const flow = flowOf([trigger({ on: 'manual' }), exit], [['start', 'done']]);
    expect(run(flow, { enrol: true }).trace.enrolments[0]!.enteredAt).toBe('2026-03-02T08:00:00.000Z');
    expect(run(flow, {}).trace.status).toBe('not-enrolled');
  });

  it('does not enrol a contact who already meets the goal', () => {
    const flow = flowOf([trigger(), exit], [['start', 'done']], { goal: { stage: { gte: 'customer' } } });
    expect(run(flow, { contact: { id: 'c', stage: 'customer' }, events: [signup] }).trace.status).toBe('not-enrolled');
  });

  it('never enrols a contact twice at once, and never again with reentry "never"', () => {
    const flow = flowOf(
      [trigger(), { id: 'w', type: 'wait', config: { for: 'P2D' } }, exit],
      [
        ['start', 'w'],
        ['w', 'done'],
      ],
    );
    const events = [signup, { at: 'P1D', type: 'signup' }, { at: 'P5D', type: 'signup' }];
    expect(run(flow, { events }).trace.enrolments).toHaveLength(1);
  });

  it('enrols again after the enrolment ended with reentry "after-exit"', () => {
    const flow = flowOf(
      [trigger(), { id: 'w', type: 'wait', config: { for: 'P2D' } }, exit],
      [
        ['start', 'w'],
        ['w', 'done'],
      ],
      { reentry: 'after-exit' },
    );
    const sim = run(flow, { events: [signup, { at: 'P1D', type: 'signup' }, { at: 'P5D', type: 'signup' }] });
    expect(sim.trace.enrolments.map((e) => [e.enteredAt, e.status])).toEqual([
      ['2026-03-02T08:00:00.000Z', 'completed'],
      ['2026-03-07T08:00:00.000Z', 'completed'],
    ]);
  });
});

describe('waits (spec §4.4)', () => {
  const waitFlow = (config: unknown, settings = {}) =>
    flowOf(
      [trigger(), { id: 'w', type: 'wait', config }, exit],
      [
        ['start', 'w'],
        ['w', 'done'],
      ],
      settings,
    );
  const resumedAt = (sim: ReturnType<typeof run>) => sim.trace.enrolments[0]!.steps.find((s) => s.node === 'done')?.at;

  it('resumes a "for" wait at entry plus the duration', () => {
    expect(resumedAt(run(waitFlow({ for: 'P1DT6H' }), { events: [signup] }))).toBe('2026-03-03T14:00:00.000Z');
  });

  it('resumes an "until.time" wait at the local time in the flow\'s time zone across a DST change', () => {
    const sim = run(waitFlow({ until: { time: '09:00' } }, { timezone: 'Europe/Vienna' }), { start: '2026-03-28T10:00:00Z', events: [signup] });
    expect(resumedAt(sim)).toBe('2026-03-29T07:00:00.000Z');
  });

  it('resumes an "until.time" wait only on the allowed days', () => {
    const sim = run(waitFlow({ until: { time: '09:00', days: ['mon'] } }), { start: '2026-03-04T10:00:00Z', events: [signup] });
    expect(resumedAt(sim)).toBe('2026-03-09T09:00:00.000Z');
  });

  it('resumes an "until.at" wait at the instant, or at once when it has passed', () => {
    expect(resumedAt(run(waitFlow({ until: { at: '2026-03-10T12:00:00+01:00' } }), { events: [signup] }))).toBe('2026-03-10T11:00:00.000Z');
    expect(resumedAt(run(waitFlow({ until: { at: '2026-01-01T00:00:00Z' } }), { events: [signup] }))).toBe('2026-03-02T08:00:00.000Z');
  });

  it('resumes an "until.property" wait at the property plus the offset, or at once when it is missing or not an instant', () => {
    const flow = waitFlow({ until: { property: 'renewal', offset: '-P7D' } });
    const withProp = (renewal: unknown) => run(flow, { horizon: 'P90D', events: [{ ...signup, properties: renewal === undefined ? {} : { renewal } }] });
    expect(resumedAt(withProp('2026-04-30T08:00:00Z'))).toBe('2026-04-23T08:00:00.000Z');
    expect(resumedAt(withProp(undefined))).toBe('2026-03-02T08:00:00.000Z');
    expect(resumedAt(withProp('next spring'))).toBe('2026-03-02T08:00:00.000Z');
  });

  it('fixes the wake-up instant at entry even if the property changes later', () => {
    const flow = waitFlow({ until: { property: 'renewal' } });
    const sim = run(flow, {
      events: [
        { ...signup, properties: { renewal: '2026-03-20T08:00:00Z' } },
        { at: 'P1D', type: 'x', properties: { renewal: '2026-03-05T08:00:00Z' } },
      ],
    });
    expect(resumedAt(sim)).toBe('2026-03-20T08:00:00.000Z');
  });

  it('leaves a contact active on the wait at the horizon', () => {
    const sim = run(waitFlow({ for: 'P60D' }), { events: [signup] });
    expect(sim.trace.status).toBe('active');
    expect(sim.trace.enrolments[0]).toMatchObject({ status: 'active', position: 'w', endedAt: null });
  });
});

describe('waitFor (spec §4.5)', () => {
  const flow = flowOf(
    [
      trigger(),
      { id: 'pause', type: 'wait', config: { for: 'P1D' } },
      { id: 'wf', type: 'waitFor', config: { until: { event: { type: 'click' } }, timeout: 'P3D' } },
      { id: 'yes', type: 'exit' },
      { id: 'no', type: 'exit' },
    ],
    [
      ['start', 'pause'],
      ['pause', 'wf'],
      ['wf', 'yes', 'met'],
      ['wf', 'no', 'timeout'],
    ],
  );

  it('leaves by "met" when a matching event arrives while waiting', () => {
    const sim = run(flow, { events: [signup, { at: 'P2D', type: 'click' }] });
    expect(path(sim)).toEqual(['start', 'pause', 'wf:met', 'yes']);
    expect(sim.trace.enrolments[0]!.endedAt).toBe('2026-03-04T08:00:00.000Z');
  });

  it('does not count events from before the contact entered it', () => {
    expect(path(run(flow, { events: [signup, { at: 'PT1H', type: 'click' }] }))).toEqual(['start', 'pause', 'wf:timeout', 'no']);
  });

  it('counts an event arriving at the instant the contact entered it, because timers fire first', () => {
    expect(path(run(flow, { events: [signup, { at: 'P1D', type: 'click' }] }))).toEqual(['start', 'pause', 'wf:met', 'yes']);
  });

  it('leaves by "timeout" at entry plus the timeout', () => {
    const sim = run(flow, { events: [signup] });
    expect(path(sim)).toEqual(['start', 'pause', 'wf:timeout', 'no']);
    expect(sim.trace.enrolments[0]!.endedAt).toBe('2026-03-06T08:00:00.000Z');
  });

  it('leaves at once by "met" when a non-event condition already holds on entry', () => {
    const f = flowOf(
      [trigger(), { id: 'wf', type: 'waitFor', config: { until: { stage: { gte: 'lead' } }, timeout: 'P1D' } }, exit],
      [
        ['start', 'wf'],
        ['wf', 'done', 'met'],
      ],
    );
    expect(path(run(f, { contact: { id: 'c', stage: 'mql' }, events: [signup] }))).toEqual(['start', 'wf:met', 'done']);
  });
});

describe('timers and events at the same instant (spec §4.1)', () => {
  it('fires the timer before the event, so a condition at that instant does not see the event', () => {
    const flow = flowOf(
      [
        trigger(),
        { id: 'w', type: 'wait', config: { for: 'P1D' } },
        { id: 'c', type: 'condition', config: cond({ event: { type: 'click' } }) },
        { id: 'y', type: 'exit' },
        { id: 'n', type: 'exit' },
      ],
      [
        ['start', 'w'],
        ['w', 'c'],
        ['c', 'y', 'yes'],
        ['c', 'n', 'no'],
      ],
    );
    expect(path(run(flow, { events: [signup, { at: 'P1D', type: 'click' }] }))).toEqual(['start', 'w', 'c:no', 'n']);
    expect(path(run(flow, { events: [signup, { at: 'PT23H59M', type: 'click' }] }))).toEqual(['start', 'w', 'c:yes', 'y']);
  });
});

describe('goal (spec §4.6)', () => {
  it('ends the enrolment with status goal as soon as an input meets it', () => {
    const flow = flowOf(
      [trigger(), { id: 'w', type: 'wait', config: { for: 'P10D' } }, exit],
      [
        ['start', 'w'],
        ['w', 'done'],
      ],
      { goal: { stage: { gte: 'customer' } } },
    );
    const sim = run(flow, { events: [signup, { at: 'P2D', type: 'deal_won', stage: 'customer' }] });
    expect(sim.trace.enrolments[0]).toMatchObject({ status: 'goal', endedAt: '2026-03-04T08:00:00.000Z', position: null });
  });

  it('ends the enrolment when a step meets the goal, before the next node', () => {
    const flow = flowOf(
      [trigger(), { id: 'up', type: 'update', config: { stage: 'customer' } }, email('after')],
      [
        ['start', 'up'],
        ['up', 'after'],
      ],
      { goal: { stage: { gte: 'customer' } } },
    );
    const sim = run(flow, { events: [signup] });
    expect(sim.trace.status).toBe('goal');
    expect(path(sim)).toEqual(['start', 'up']);
    expect(sim.trace.emails).toEqual([]);
  });
});

describe('sendEmail (spec §4.7)', () => {
  it('renders subject and body with Liquid for the contact as it is', () => {
    const flow = flowOf(
      [
        trigger(),
        {
          id: 'e',
          type: 'sendEmail',
          config: { subject: 'Hi {{ contact.firstName | default: "there" }}, score {{ contact.score }}', body: '{{ contact.email }}' },
        },
      ],
      [['start', 'e']],
    );
    const sim = run(flow, { contact: { id: 'c', email: 'a@x.io', properties: { firstName: 'Ada' }, score: 7 }, events: [signup] });
    expect(sim.trace.emails[0]).toMatchObject({ subject: 'Hi Ada, score 7', to: 'a@x.io' });
    expect(sim.emails[0]!.body).toBe('a@x.io');
    expect(run(flow, { contact: { id: 'c', email: 'a@x.io' }, events: [signup] }).trace.emails[0]!.subject).toBe('Hi there, score 0');
  });

  it('records an email whose template cannot be rendered as not sent, with the reason, and moves the contact on', () => {
    const doubling = '{% assign s = "0123456789" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}';
    const flow = flowOf(
      [trigger(), { id: 'bad', type: 'sendEmail', config: { subject: 'Hi {{ contact.firstName }}', body: doubling } }, email('next'), exit],
      [
        ['start', 'bad'],
        ['bad', 'next'],
        ['next', 'done'],
      ],
    );
    const sim = run(flow, { contact: { id: 'c', email: 'a@x.io', properties: { firstName: 'Ada' } }, events: [signup] });
    expect(sim.trace.status).toBe('completed');
    expect(sim.trace.enrolments[0]!.steps.map((s) => s.node)).toEqual(['start', 'bad', 'next', 'done']);
    expect(sim.trace.emails).toEqual([
      {
        at: '2026-03-02T08:00:00.000Z',
        node: 'bad',
        to: 'a@x.io',
        subject: 'Hi Ada',
        suppressed: 'render-failed',
        error: expect.stringMatching(/^The body cannot be rendered: it builds more than 1,048,576 characters/),
      },
      { at: '2026-03-02T08:00:00.000Z', node: 'next', to: 'a@x.io', subject: 'next' },
    ]);
    expect(sim.emails[0]!.body).toBe('');
  });

  it("formats dates in the flow's time zone", () => {
    const flow = flowOf(
      [trigger(), { id: 'e', type: 'sendEmail', config: { subject: 'See you at {{ contact.webinarAt | date: "%H:%M" }}', body: 'x' } }],
      [['start', 'e']],
      { timezone: 'Europe/Vienna' },
    );
    const sim = run(flow, { events: [{ ...signup, properties: { webinarAt: '2026-04-16T13:00:00Z' } }] });
    expect(sim.trace.emails[0]!.subject).toBe('See you at 15:00');
  });

  it('holds an email outside the send window and sends it when the window opens', () => {
    const flow = flowOf(
      [trigger(), email('e'), exit],
      [
        ['start', 'e'],
        ['e', 'done'],
      ],
      { sendWindow: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' } },
    );
    const sim = run(flow, { start: '2026-03-06T18:00:00Z', events: [signup] });
    expect(sim.trace.enrolments[0]!.steps.map((s) => [s.node, s.at])).toEqual([
      ['start', '2026-03-06T18:00:00.000Z'],
      ['e', '2026-03-06T18:00:00.000Z'],
      ['done', '2026-03-09T09:00:00.000Z'],
    ]);
    expect(sim.trace.emails[0]!.at).toBe('2026-03-09T09:00:00.000Z');
  });

  it('does not list an email still held by the send window at the horizon', () => {
    const flow = flowOf(
      [trigger(), email('e'), exit],
      [
        ['start', 'e'],
        ['e', 'done'],
      ],
      { sendWindow: { days: ['mon'], from: '09:00', to: '10:00' } },
    );
    const sim = run(flow, { start: '2026-03-03T12:00:00Z', horizon: 'P2D', events: [signup] });
    expect(sim.trace.emails).toEqual([]);
    expect(sim.trace.enrolments[0]).toMatchObject({ status: 'active', position: 'e' });
  });

  it('suppresses email to an unsubscribed contact or one without an address, and moves on', () => {
    const flow = flowOf(
      [trigger(), email('e'), exit],
      [
        ['start', 'e'],
        ['e', 'done'],
      ],
    );
    const unsub = run(flow, { contact: { id: 'c', email: 'a@x.io' }, events: [{ at: 'PT0S', type: 'unsubscribed' }, signup] });
    expect(unsub.trace.emails[0]).toMatchObject({ suppressed: 'unsubscribed', to: 'a@x.io' });
    expect(unsub.trace.contact.properties.unsubscribed).toBe(true);
    expect(run(flow, { contact: { id: 'c' }, events: [signup] }).trace.emails[0]).toMatchObject({ suppressed: 'no-email', to: null });
    const both = run(flow, { contact: { id: 'c', properties: { unsubscribed: true } }, events: [signup] });
    expect(both.trace.emails[0]!.suppressed).toBe('unsubscribed');
    expect(both.trace.status).toBe('completed');
  });
});

describe('condition and split (spec §4.8)', () => {
  it('leaves a condition by yes or no', () => {
    const flow = flowOf(
      [
        trigger(),
        { id: 'c', type: 'condition', config: cond({ property: { name: 'employees', gte: 50 } }) },
        { id: 'y', type: 'exit' },
        { id: 'n', type: 'exit' },
      ],
      [
        ['start', 'c'],
        ['c', 'y', 'yes'],
        ['c', 'n', 'no'],
      ],
    );
    expect(path(run(flow, { contact: { id: 'c', properties: { employees: 80 } }, events: [signup] }))).toEqual(['start', 'c:yes', 'y']);
    expect(path(run(flow, { contact: { id: 'c', properties: { employees: 8 } }, events: [signup] }))).toEqual(['start', 'c:no', 'n']);
  });

  it('sends a contact down the same split branch every time, in proportion to the weights', () => {
    const flow = flowOf(
      [
        trigger(),
        {
          id: 's',
          type: 'split',
          config: {
            branches: [
              { key: 'a', weight: 70 },
              { key: 'b', weight: 30 },
            ],
          },
        },
        { id: 'ea', type: 'exit' },
        { id: 'eb', type: 'exit' },
      ],
      [
        ['start', 's'],
        ['s', 'ea', 'a'],
        ['s', 'eb', 'b'],
      ],
    );
    const branchOf = (id: string) => path(run(flow, { contact: { id }, events: [signup] }))[1];
    expect(branchOf('c-anna')).toBe(branchOf('c-anna'));
    const n = 400;
    let a = 0;
    for (let i = 0; i < n; i++) if (branchOf(`contact-${i}`) === 's:a') a++;
    expect(a / n).toBeGreaterThan(0.62);
    expect(a / n).toBeLessThan(0.78);
  });
});

describe('update (spec §4.9)', () => {
  it('adds score, moves the stage forward only and sets properties', () => {
    const flow = flowOf([trigger(), { id: 'u', type: 'update', config: { addScore: 15, stage: 'lead', set: { nurtured: true } } }], [['start', 'u']]);
    const forward = run(flow, { contact: { id: 'c', stage: 'subscriber' }, events: [signup] });
    expect(forward.trace.contact).toMatchObject({ score: 15, stage: 'lead', properties: { nurtured: true } });
    const backward = run(flow, { contact: { id: 'c', stage: 'customer' }, events: [signup] });
    expect(backward.trace.contact.stage).toBe('customer');
  });

  it('applies the score before a following condition looks at it', () => {
    const flow = flowOf(
      [
        trigger(),
        { id: 'u', type: 'update', config: { addScore: 40 } },
        { id: 'c', type: 'condition', config: cond({ score: { gte: 40 } }) },
        { id: 'y', type: 'exit' },
        { id: 'n', type: 'exit' },
      ],
      [
        ['start', 'u'],
        ['u', 'c'],
        ['c', 'y', 'yes'],
        ['c', 'n', 'no'],
      ],
    );
    expect(path(run(flow, { events: [signup] }))).toEqual(['start', 'u', 'c:yes', 'y']);
  });
});
