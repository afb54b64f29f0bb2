import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Flow, readScenario } from '@hourglass/documents';
import { contactToDraft, draftToDocument, initialDraft, scenarioToDraft } from './scenarioDraft.ts';
import { simulate } from '@hourglass/engine';
import { ScoringModel } from '@hourglass/documents';
import type { ContactDetail } from '../api/apiTypes.ts';
import { fixturePath } from '../../../../test/fixtures.ts';

const read = (name: string) => JSON.parse(readFileSync(fixturePath('whitepaper-nurture', name), 'utf8'));

describe('scenario drafts', () => {
  it('give back the Anna scenario of the examples unchanged after a round trip through the form', () => {
    const anna = readScenario(read('anna.scenario.json'));
    if (!anna.ok) throw new Error('the example must be valid');
    const again = readScenario(draftToDocument(scenarioToDraft(anna.value)));
    expect(again.ok && again.value).toEqual(anna.value);
  });

  it('read typed values as numbers and booleans, and leave out rows without a key', () => {
    const draft = initialDraft(Flow.parse({ format: 'hourglass.flow/1', id: 'f', name: 'F', nodes: [], edges: [] }), Date.UTC(2026, 2, 2, 8, 0, 30));
    draft.contact.properties = [
      { key: 'employees', value: '120' },
      { key: 'vip', value: 'true' },
      { key: '', value: 'lost' },
    ];
    const doc = readScenario(draftToDocument(draft));
    expect(doc.ok && doc.value.contact.properties).toEqual({ employees: 120, vip: true });
    expect(doc.ok && doc.value.start).toBe('2026-03-02T08:00:00Z');
  });

  it('let readScenario report an event time that is neither a duration nor an instant at its pointer', () => {
    const draft = initialDraft(Flow.parse({ format: 'hourglass.flow/1', id: 'f', name: 'F', nodes: [], edges: [] }), 0);
    draft.events = [{ at: 'tomorrow', type: 'x', data: [], properties: [], stage: '' }];
    const doc = readScenario(draftToDocument(draft));
    expect(doc.ok).toBe(false);
    expect(doc.problems.map((p) => p.pointer)).toContain('/events/0/at');
  });

  it('take a real contact as the test contact from now on, its events as history before, keeping the timeline', () => {
    const flow = Flow.parse({ format: 'hourglass.flow/1', id: 'f', name: 'F', nodes: [], edges: [] });
    let draft = initialDraft(flow, Date.UTC(2026, 0, 1));
    const now = Date.UTC(2026, 2, 10, 9, 0, 42);
    draft = { ...draft, events: [{ at: 'P1D', type: 'email_clicked', data: [], properties: [], stage: '' }] };
    const detail: ContactDetail = {
      contact: { id: 'c-ivy', email: 'ivy@example.com', stage: 'mql', owner: 'sam@example.com', properties: { country: 'AT', employees: 80 } },
      score: { score: 37, fit: 10, behaviour: 22, adjustments: 5 },
      events: [
        { id: 'e2', at: '2026-03-09T10:00:00.000Z', type: 'page_viewed', data: { page: 'pricing' } },
        { id: 'e1', at: '2026-03-01T10:00:00.000Z', type: 'form_submitted', data: { form: 'demo' } },
      ],
      enrolments: [],
      consents: [],
    };
    const picked = contactToDraft(draft, detail, now);
    expect(picked.start).toBe('2026-03-10T09:01:00Z');
    const doc = readScenario(draftToDocument(picked));
    if (!doc.ok) throw new Error(doc.problems.map((p) => p.message).join('; '));
    expect(doc.value.contact).toEqual({
      id: 'c-ivy',
      email: 'ivy@example.com',
      stage: 'mql',
      owner: 'sam@example.com',
      score: 5,
      properties: { country: 'AT', employees: 80 },
    });
    expect(doc.value.events.map((e) => [e.at, e.type])).toEqual([
      ['2026-03-01T10:00:00.000Z', 'form_submitted'],
      ['2026-03-09T10:00:00.000Z', 'page_viewed'],
      ['P1D', 'email_clicked'],
    ]);
    // Picking another contact replaces the history and keeps the timeline.
    const again = contactToDraft(picked, { ...detail, contact: { ...detail.contact, id: 'c-jo' }, events: [] }, now);
    expect(again.events.map((e) => e.type)).toEqual(['email_clicked']);
    // The history counts: a behaviour rule on page views scores the picked contact at the start.
    const scoring = ScoringModel.parse({ format: 'hourglass.scoring/1', behaviour: [{ event: 'page_viewed', points: 22 }] });
    const sim = simulate({
      flow: Flow.parse({ format: 'hourglass.flow/1', id: 'f', name: 'F', nodes: [{ id: 't', type: 'trigger', config: { on: 'manual' } }], edges: [] }),
      scenario: doc.value,
      scoring,
    });
    expect(sim.trace.contact.score).toBe(27);
  });

  it("keep a real contact's events as history even when the server stamped them after this browser's now (a clock moved forward), so they score", () => {
    const flow = Flow.parse({ format: 'hourglass.flow/1', id: 'f', name: 'F', nodes: [{ id: 't', type: 'trigger', config: { on: 'manual' } }], edges: [] });
    const now = Date.UTC(2026, 2, 10, 9, 0, 0);
    const detail: ContactDetail = {
      contact: { id: 'c-ahead', email: 'ahead@example.com', stage: 'lead', owner: null, properties: {} },
      score: { score: 15, fit: 0, behaviour: 15, adjustments: 0 },
      // Three days after the browser's now, on the server's manual clock.
      events: [
        { id: 'e2', at: '2026-03-13T09:00:00.000Z', type: 'email_clicked', data: { email: 'welcome' } },
        { id: 'e1', at: '2026-03-13T08:00:00.000Z', type: 'form_submitted', data: { form: 'whitepaper' } },
      ],
      enrolments: [],
      consents: [],
    };
    const picked = contactToDraft({ ...initialDraft(flow, now), enrol: true }, detail, now);
    expect(picked.start).toBe('2026-03-13T09:01:00Z');
    const doc = readScenario(draftToDocument(picked));
    if (!doc.ok) throw new Error(doc.problems.map((p) => p.message).join('; '));
    expect(doc.value.events.map((e) => e.type)).toEqual(['form_submitted', 'email_clicked']);
    const scoring = ScoringModel.parse({
      format: 'hourglass.scoring/1',
      behaviour: [
        { event: 'form_submitted', points: 10 },
        { event: 'email_clicked', points: 5 },
      ],
    });
    expect(simulate({ flow, scenario: doc.value, scoring }).trace.contact.score).toBe(15);
  });

  it('start a flow with an event trigger with that event at the start, so the first Run enrols the contact and Export writes the event', () => {
    const flow = Flow.parse(read('flow.json'));
    const draft = initialDraft(flow, Date.UTC(2026, 2, 2, 8, 0));
    const doc = readScenario(draftToDocument(draft));
    if (!doc.ok) throw new Error(doc.problems.map((p) => p.message).join('; '));
    expect(doc.value.events).toEqual([{ at: 'PT0S', type: 'form_submitted', data: { form: 'whitepaper' } }]);
    expect(doc.value.enrol).toBe(false);
    expect(simulate({ flow, scenario: doc.value }).trace.status).not.toBe('not-enrolled');
  });

  it('start a flow with a manual trigger enrolled by hand, without events', () => {
    const flow = Flow.parse({ format: 'hourglass.flow/1', id: 'f', name: 'F', nodes: [{ id: 't', type: 'trigger', config: { on: 'manual' } }], edges: [] });
    expect(initialDraft(flow, 0)).toMatchObject({ enrol: true, events: [] });
  });
});
