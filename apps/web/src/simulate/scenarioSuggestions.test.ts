import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Flow } from '@hourglass/documents';
import { initialDraft, scenarioToDraft } from './scenarioDraft.ts';
import { alreadyInDraft, applySuggestion, scenarioSuggestions } from './scenarioSuggestions.ts';
import { nodeArrivals } from './nodeArrivals.ts';
import { Scenario } from '@hourglass/documents';
import { fixturePath } from '../../../../test/fixtures.ts';

const example = Flow.parse(JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'flow.json'), 'utf8')));
const anna = Scenario.parse(JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'anna.scenario.json'), 'utf8')));

/** signup → the email "Welcome" (node `mail`) with this body → done. */
const withBody = (body: string) =>
  Flow.parse({
    format: 'hourglass.flow/1',
    id: 'f',
    name: 'F',
    settings: {},
    nodes: [
      { id: 'start', type: 'trigger', config: { on: 'event', event: 'signup' } },
      { id: 'mail', type: 'sendEmail', label: 'Welcome', config: { subject: 'Hi', body } },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [
      { from: 'start', to: 'mail' },
      { from: 'mail', to: 'done' },
    ],
  });

describe('scenarioSuggestions', () => {
  it('suggests the trigger event at the start and, for a waitFor not reached yet, clicking a day after the start or never', () => {
    const suggestions = scenarioSuggestions(example);
    expect(suggestions.map((s) => s.label)).toEqual(['form_submitted at the start', 'does email_clicked after 1 day', 'never does email_clicked']);
    expect(suggestions[1]).toMatchObject({ event: { at: 'P1D' }, hint: expect.stringContaining('does not reach "Clicked within 3 days?"') });
  });

  it('no longer offers an event the scenario already has, such as the trigger event of a new scenario', () => {
    const draft = initialDraft(example, 0);
    const offered = scenarioSuggestions(example).filter((s) => !alreadyInDraft(draft, s));
    expect(offered.map((s) => s.label)).toEqual(['does email_clicked after 1 day', 'never does email_clicked']);
  });

  it('times the click a day after the scenario brings the contact to the waitFor', () => {
    // The form arrives five hours after the start, so the contact reaches "engaged" then.
    const scenario = Scenario.parse({
      format: 'hourglass.scenario/1',
      start: '2026-03-02T08:00:00Z',
      horizon: 'P10D',
      contact: { id: 'c-1', email: 'c@example.com' },
      events: [{ at: 'PT5H', type: 'form_submitted', data: { form: 'whitepaper' } }],
    });
    const arrivals = nodeArrivals(example, scenarioToDraft(scenario));
    expect(arrivals.engaged).toBe(5 * 3_600_000);
    const click = scenarioSuggestions(example, arrivals).find((s) => s.label === 'does email_clicked 1 day after reaching "Clicked within 3 days?"');
    // The data a real click on the email carries: the email's node and the flow (its body has no link, so no url).
    expect(click).toMatchObject({
      kind: 'add',
      event: {
        at: 'P1DT5H',
        type: 'email_clicked',
        data: [
          { key: 'email', value: 'welcome' },
          { key: 'flow', value: 'whitepaper-nurture' },
        ],
      },
    });
    expect(click?.hint).toBeUndefined();
  });

  it('offers opening, clicking and unsubscribing from an email the scenario sends an hour after it goes out, named by its label', () => {
    const arrivals = nodeArrivals(example, scenarioToDraft(anna));
    const suggestions = scenarioSuggestions(example, arrivals);
    const about = (label: string) => suggestions.find((s) => s.label === label);
    const data = [
      { key: 'email', value: 'welcome' },
      { key: 'flow', value: 'whitepaper-nurture' },
    ];
    expect(about('opens "Send the whitepaper" 1 hour after it is sent')).toMatchObject({ kind: 'add', event: { at: 'PT1H', type: 'email_opened', data } });
    expect(about('clicks a link in "Send the whitepaper" 1 hour after it is sent')).toMatchObject({
      kind: 'add',
      event: { at: 'PT1H', type: 'email_clicked', data },
    });
    expect(about('unsubscribes from "Send the whitepaper" 1 hour after it is sent')).toMatchObject({
      kind: 'add',
      event: { at: 'PT1H', type: 'unsubscribed', data },
    });
    // Anna clicks, so the case study goes out a day after the start; the reminder never does.
    expect(about('opens "Case study" 1 hour after it is sent')).toMatchObject({ event: { at: 'P1DT1H' } });
    expect(suggestions.some((s) => s.label.includes('"Reminder"'))).toBe(false);
  });

  it('gives a suggested click the first link of the email, as the tracked link records it', () => {
    const flow = withBody(
      'Read <a href="{{ unsubscribe_url }}">our unsubscribe page</a>, [your page](https://x.io/{{contact.id}}) and [the paper](https://example.com/paper?a=1&b=2).',
    );
    const click = scenarioSuggestions(flow, { mail: 0 }).find((s) => s.label === 'clicks a link in "Welcome" 1 hour after it is sent');
    expect(click).toMatchObject({
      event: {
        type: 'email_clicked',
        data: [
          { key: 'email', value: 'mail' },
          { key: 'flow', value: 'f' },
          { key: 'url', value: 'https://example.com/paper?a=1&b=2' },
        ],
      },
    });
    const open = scenarioSuggestions(flow, { mail: 0 }).find((s) => s.label.startsWith('opens'));
    expect(open).toMatchObject({
      event: {
        type: 'email_opened',
        data: [
          { key: 'email', value: 'mail' },
          { key: 'flow', value: 'f' },
        ],
      },
    });
  });

  it('times the engagement with an email held by the send window from when it goes out, not from when the contact reaches it', () => {
    // Friday 18:00: the email waits for Monday 09:00.
    const flow = Flow.parse({ ...withBody('Hello'), settings: { sendWindow: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' } } });
    const draft = scenarioToDraft(
      Scenario.parse({
        format: 'hourglass.scenario/1',
        start: '2026-03-06T18:00:00Z',
        horizon: 'P10D',
        contact: { id: 'c', email: 'c@x.io' },
        events: [{ at: 'PT0S', type: 'signup' }],
      }),
    );
    const arrivals = nodeArrivals(flow, draft);
    expect(arrivals.mail).toBe((2 * 24 + 15) * 3_600_000);
    expect(scenarioSuggestions(flow, arrivals).find((s) => s.label.startsWith('unsubscribes'))).toMatchObject({
      event: { at: 'P2DT16H', type: 'unsubscribed' },
    });
  });

  it('suggests an event a condition asks about an hour before the contact reaches it', () => {
    const flow = Flow.parse({
      format: 'hourglass.flow/1',
      id: 'f',
      name: 'F',
      settings: {},
      nodes: [
        { id: 'start', type: 'trigger', config: { on: 'event', event: 'signup' } },
        { id: 'pause', type: 'wait', config: { for: 'P2D' } },
        {
          id: 'visited',
          type: 'condition',
          label: 'Visited pricing?',
          config: { if: { event: { type: 'page_viewed', where: { page: ['pricing', 'plans'] } } } },
        },
        { id: 'done', type: 'exit', config: {} },
      ],
      edges: [
        { from: 'start', to: 'pause' },
        { from: 'pause', to: 'visited' },
        { from: 'visited', port: 'yes', to: 'done' },
        { from: 'visited', port: 'no', to: 'done' },
      ],
    });
    const labels = (arrivals: Record<string, number>) => scenarioSuggestions(flow, arrivals).map((s) => s.label);
    expect(labels({})).toEqual(['signup at the start', 'does page_viewed at the start', 'never does page_viewed']);
    const before = scenarioSuggestions(flow, { visited: 2 * 86_400_000 }).find((s) => s.label === 'does page_viewed before reaching "Visited pricing?"');
    expect(before).toMatchObject({ event: { at: 'P1DT23H', type: 'page_viewed', data: [{ key: 'page', value: 'pricing' }] } });
  });

  it('knows no arrivals while the draft is not a valid scenario', () => {
    const draft = { ...initialDraft(example, 0), horizon: 'soon' };
    expect(nodeArrivals(example, draft)).toEqual({});
  });

  it('fills the event data from the filter so that the event matches it', () => {
    const [trigger] = scenarioSuggestions(example);
    expect(trigger).toMatchObject({ kind: 'add', event: { at: 'PT0S', type: 'form_submitted', data: [{ key: 'form', value: 'whitepaper' }] } });
  });

  it('removes every event of the type when the contact never does it', () => {
    // A new scenario already has the trigger event.
    let draft = initialDraft(example, 0);
    const [, click, never] = scenarioSuggestions(example);
    draft = applySuggestion(draft, click!);
    expect(draft.events.map((e) => e.type)).toEqual(['form_submitted', 'email_clicked']);
    expect(applySuggestion(draft, never!).events.map((e) => e.type)).toEqual(['form_submitted']);
  });
});
