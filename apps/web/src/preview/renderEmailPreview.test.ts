import { describe, expect, it } from 'vitest';
import { renderEmailPreview } from './renderEmailPreview.ts';
import { DEFAULT_SAMPLE } from './sampleContact.ts';

describe('renderEmailPreview', () => {
  it('renders properties, score and filters for the sample contact', () => {
    expect(renderEmailPreview('Your whitepaper, {{ contact.firstName | default: "there" }} ({{ contact.score }})', DEFAULT_SAMPLE)).toEqual({
      ok: true,
      text: 'Your whitepaper, Anna (35)',
    });
    const nameless = { ...DEFAULT_SAMPLE, contact: { ...DEFAULT_SAMPLE.contact, properties: {} } };
    expect(renderEmailPreview('Hi {{ contact.firstName | default: "there" }}', nameless)).toEqual({ ok: true, text: 'Hi there' });
  });

  it('explains a broken template instead of throwing', () => {
    const r = renderEmailPreview('Hi {{ contact.firstName', DEFAULT_SAMPLE);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^This template cannot be shown: /);
  });

  it('says why a template over a limit cannot be shown, in words', () => {
    const r = renderEmailPreview('{% for i in (1..10000000) %}{{ i }}{% endfor %}', DEFAULT_SAMPLE);
    expect(!r.ok && r.error).toBe('This template cannot be shown: it builds more than 1,048,576 characters or items while rendering');
  });
});
