import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEMPLATE_LIMITS } from '@hourglass/documents';
import { TemplateError, renderTemplate, templateContact } from './render.ts';
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

  it("reads only the contact's own properties: constructor, toString and __proto__ render empty", () => {
    const vars = { contact: templateContact(ann, 1) };
    expect(renderTemplate('[{{ contact.constructor }}][{{ contact.toString }}][{{ contact.__proto__ }}][{{ contact.constructor.name }}]', vars)).toBe(
      '[][][][]',
    );
    expect(renderTemplate('{% if contact.constructor %}yes{% else %}no{% endif %}', vars)).toBe('no');
    const owning = { contact: templateContact({ ...ann, properties: { constructor: 'Bob' } }, 1) };
    expect(renderTemplate('{{ contact.constructor }}', owning)).toBe('Bob');
  });

  it("cannot read the server's files, whatever tag a template uses", () => {
    const vars = { contact: templateContact(ann, 0) };
    for (const source of [
      "{% include 'package.json' %}",
      "{% render 'package.json' %}",
      "{% layout 'package.json' %}x",
      "{% liquid\n  include 'package.json' %}",
    ]) {
      let error: unknown;
      try {
        renderTemplate(source, vars);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as Error).message).toMatch(/would read another template from a file/);
      expect((error as Error).message).not.toContain('"name"');
    }
  });
});

/** Renders a hostile template: it must fail with a TemplateError, in well under a second. */
function failsFast(source: string, maxChars?: number): string {
  const started = performance.now();
  let error: unknown;
  try {
    renderTemplate(source, { contact: templateContact(ann, 0) }, 'UTC', maxChars);
  } catch (e) {
    error = e;
  }
  expect(performance.now() - started).toBeLessThan(1000);
  expect(error).toBeInstanceOf(TemplateError);
  return (error as TemplateError).message;
}

describe('renderTemplate limits', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Makes every clock reading of liquidjs's time limit `stepMs` later than the one before. */
  const slowClock = (stepMs: number) => {
    let now = performance.now();
    vi.spyOn(performance, 'now').mockImplementation(() => (now += stepMs));
  };

  it('renders a small template even when the process pauses during its first attempt', () => {
    // Six template nodes at 30 ms a reading pass the 50 ms limit, not the retry's 250 ms.
    slowClock(30);
    expect(renderTemplate('Hi {{ contact.firstName }}, {{ contact.stage }} and {{ contact.email }}', { contact: templateContact(ann, 0) })).toBe(
      'Hi Ann, lead and ann@example.com',
    );
  });

  it("fails a template that is still too slow on its retry, naming the retry's limit", () => {
    slowClock(100);
    expect(() => renderTemplate('Hi {{ contact.firstName }}, {{ contact.stage }} and {{ contact.email }}', { contact: templateContact(ann, 0) })).toThrow(
      new RegExp(`takes longer than ${TEMPLATE_LIMITS.retryRenderMs} ms`),
    );
  });

  it('stops a loop over ten million numbers', () => {
    expect(failsFast('{% for i in (1..10000000) %}{{ i }}{% endfor %}')).toMatch(/builds more than 1,048,576 characters or items/);
  });

  it('stops loops that allocate little but run long', () => {
    expect(failsFast('{% assign r = (1..1000) %}{% for i in r %}{% for j in r %}{% for k in r %}{% endfor %}{% endfor %}{% endfor %}')).toMatch(
      new RegExp(`takes longer than ${TEMPLATE_LIMITS.retryRenderMs} ms to render`),
    );
  });

  it('refuses a template too big to parse quickly', () => {
    expect(failsFast('{{ contact.firstName }}'.repeat(TEMPLATE_LIMITS.tags + 1))).toMatch(/has 501 Liquid tags and outputs; a template has at most 500/);
    expect(failsFast('{{ contact.firstName }}' + 'x'.repeat(TEMPLATE_LIMITS.templateChars))).toMatch(/characters; a template has at most 100,000/);
  });

  it('stops a string that doubles with append', () => {
    expect(failsFast('{% assign s = "0123456789" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}')).toMatch(/builds more than/);
  });

  it('refuses a rendered text over its size limit, subject and body alike', () => {
    expect(failsFast('{{ "x" | append: contact.firstName }}', 1)).toMatch(/renders to more than the 1 characters allowed/);
    expect(failsFast('a'.repeat(TEMPLATE_LIMITS.subjectChars + 1), TEMPLATE_LIMITS.subjectChars)).toMatch(
      /is 1,001 characters long, more than the 1,000 allowed/,
    );
    // A short loop over a long text: stopped as soon as the output passes 1 MiB, not after.
    const big = `{% for i in (1..100000) %}${'x'.repeat(90_000)}{% endfor %}`;
    expect(failsFast(big)).toMatch(/renders to more than the 1,048,576 characters allowed/);
  });
});
