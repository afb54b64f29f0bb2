import { describe, expect, it } from 'vitest';
import { TEMPLATE_LIMITS } from './createLiquid.ts';
import { templateProblem } from './templateProblem.ts';
import { validateFlow } from './validateFlow.ts';

describe('templateProblem', () => {
  it('accepts an ordinary template', () => {
    expect(templateProblem('Hi {{ contact.firstName | default: "there" }}{% if contact.score > 10 %}!{% endif %}')).toBeNull();
  });

  it.each([
    ["{% include 'package.json' %}", 'include'],
    ["{% render '/etc/passwd' %}", 'render'],
    ["{% layout 'package.json' %}Hello", 'layout'],
    ["{% if contact.vip %}{% include 'package.json' %}{% endif %}", 'include'],
    ["{% liquid\n  render 'package.json' %}", 'render'],
  ])('refuses a template that reads a file: %s', (source, tag) => {
    expect(templateProblem(source)).toEqual({
      code: 'template-reads-file',
      message: expect.stringContaining(`{% ${tag} %} would read another template from a file`),
    });
  });

  it('lets a raw block show the words of a file tag, since nothing is read', () => {
    expect(templateProblem("{% raw %}{% include 'x' %}{% endraw %}")).toBeNull();
  });

  it('refuses a template too long or with too many tags to parse quickly', () => {
    expect(templateProblem('x'.repeat(TEMPLATE_LIMITS.templateChars + 1))?.code).toBe('template-too-long');
    expect(templateProblem('{{ contact.id }}'.repeat(TEMPLATE_LIMITS.tags + 1))?.code).toBe('template-too-many-tags');
    expect(templateProblem('{{ contact.id }}'.repeat(TEMPLATE_LIMITS.tags))).toBeNull();
  });

  it('reports a file tag in a flow at the subject or body, with the node, as an error', () => {
    const flow = {
      format: 'hourglass.flow/1',
      id: 'f',
      name: 'F',
      settings: {},
      nodes: [
        { id: 'start', type: 'trigger', config: { on: 'manual' } },
        { id: 'mail', type: 'sendEmail', config: { subject: "{% render 'package.json' %}", body: 'ok' } },
      ],
      edges: [{ from: 'start', to: 'mail' }],
    };
    const v = validateFlow(flow);
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual({
      severity: 'error',
      code: 'template-reads-file',
      pointer: '/nodes/1/config/subject',
      nodeId: 'mail',
      message: expect.stringMatching(/^Node "mail": This template cannot be used: \{% render %\} would read another template from a file/),
    });
  });
});
