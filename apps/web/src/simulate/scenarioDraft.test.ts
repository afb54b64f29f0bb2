import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Flow, readScenario } from '@hourglass/documents';
import { draftToDocument, initialDraft, scenarioToDraft } from './scenarioDraft.ts';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../../../../shared/examples/whitepaper-nurture/${name}`, import.meta.url), 'utf8'));

describe('scenario drafts', () => {
  it('give back the Anna scenario of the examples unchanged after a round trip through the form', () => {
    const anna = readScenario(read('anna.scenario.json'));
    if (!anna.ok) throw new Error('the example must be valid');
    const again = readScenario(draftToDocument(scenarioToDraft(anna.value)));
    expect(again.ok && again.value).toEqual(anna.value);
  });

  it('read typed values as numbers and booleans, and leave out rows without a key', () => {
    const draft = initialDraft(Flow.parse({ format: 'hourglass.flow/1', id: 'f', name: 'F', nodes: [], edges: [] }), Date.UTC(2026, 2, 2, 8, 0, 30));
    draft.contact.properties = [{ key: 'employees', value: '120' }, { key: 'vip', value: 'true' }, { key: '', value: 'lost' }];
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
});
