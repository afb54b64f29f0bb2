import { describe, expect, it } from 'vitest';
import { renderTemplate, templateContact } from './render.ts';
import type { ContactRecord } from './records.ts';

const ann: ContactRecord = { id: 'ann', email: 'ann@example.com', stage: 'lead', owner: null, properties: { firstName: 'Ann' }, adjustments: 0 };

describe('renderTemplate', () => {
  it('fills in the contact, with a default where a property is missing', () => {
    const vars = { contact: templateContact(ann, 12) };
    expect(renderTemplate('Hi {{ contact.firstName }}, score {{ contact.score }}', vars)).toBe('Hi Ann, score 12');
    expect(renderTemplate('Hi {{ contact.lastName | default: "there" }}', vars)).toBe('Hi there');
    expect(renderTemplate('{% if contact.stage == "lead" %}lead{% endif %}', vars)).toBe('lead');
  });

  it('gives text without Liquid delimiters back as it is, braces included', () => {
    expect(renderTemplate('Plain text { not a tag } 100%', { contact: templateContact(ann, 0) })).toBe('Plain text { not a tag } 100%');
  });

  it('computes a lazily given score only when a template reads it', () => {
    let computed = 0;
    const vars = { contact: templateContact(ann, () => (computed++, 40)) };
    expect(renderTemplate('Hi {{ contact.firstName }}', vars)).toBe('Hi Ann');
    expect(computed).toBe(0);
    expect(renderTemplate('Score {{ contact.score }}', vars)).toBe('Score 40');
    expect(computed).toBe(1);
  });

  it('reads only the contact\'s own properties: constructor, toString and __proto__ render empty', () => {
    const vars = { contact: templateContact(ann, 1) };
    expect(renderTemplate('[{{ contact.constructor }}][{{ contact.toString }}][{{ contact.__proto__ }}][{{ contact.constructor.name }}]', vars)).toBe('[][][][]');
    expect(renderTemplate('{% if contact.constructor %}yes{% else %}no{% endif %}', vars)).toBe('no');
    const owning = { contact: templateContact({ ...ann, properties: { constructor: 'Bob' } }, 1) };
    expect(renderTemplate('{{ contact.constructor }}', owning)).toBe('Bob');
  });
});
