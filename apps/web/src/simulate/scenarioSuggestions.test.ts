import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Flow } from '@hourglass/documents';
import { initialDraft } from './scenarioDraft.ts';
import { applySuggestion, scenarioSuggestions } from './scenarioSuggestions.ts';

const example = Flow.parse(JSON.parse(readFileSync(new URL('../../../../../shared/examples/whitepaper-nurture/flow.json', import.meta.url), 'utf8')));

describe('scenarioSuggestions', () => {
  it('suggests the trigger event at the start and, for the waitFor, clicking a day later or never', () => {
    expect(scenarioSuggestions(example).map((s) => s.label)).toEqual([
      'form_submitted at the start', 'does email_clicked after 1 day', 'never does email_clicked',
    ]);
  });

  it('fills the event data from the filter so that the event matches it', () => {
    const [trigger] = scenarioSuggestions(example);
    expect(trigger).toMatchObject({ kind: 'add', event: { at: 'PT0S', type: 'form_submitted', data: [{ key: 'form', value: 'whitepaper' }] } });
  });

  it('removes every event of the type when the contact never does it', () => {
    let draft = initialDraft(example, 0);
    const [trigger, click, never] = scenarioSuggestions(example);
    draft = applySuggestion(applySuggestion(draft, trigger!), click!);
    expect(draft.events.map((e) => e.type)).toEqual(['form_submitted', 'email_clicked']);
    expect(applySuggestion(draft, never!).events.map((e) => e.type)).toEqual(['form_submitted']);
  });
});
