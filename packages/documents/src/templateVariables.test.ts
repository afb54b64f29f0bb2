import { describe, expect, it } from 'vitest';
import { closestName, contactVariables, documentPropertyNames, templateVariableProblems } from './templateVariables.ts';
import { validateFlow } from './validateFlow.ts';

/** start → an email with this subject and body → done. */
const emailFlow = (subject: string, body = 'Hello', extra: Record<string, unknown>[] = []) => ({
  format: 'hourglass.flow/1',
  id: 'f',
  name: 'F',
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'manual' } },
    { id: 'nudge', type: 'sendEmail', config: { subject, body } },
    { id: 'done', type: 'exit', config: {} },
    ...extra,
  ],
  edges: [
    { from: 'start', to: 'nudge' },
    { from: 'nudge', to: 'done' },
  ],
});

describe('email templates', () => {
  it('refuse an empty subject as an error at the subject, so the email cannot be published', () => {
    for (const subject of ['', '   ']) {
      const v = validateFlow(emailFlow(subject));
      expect(v.ok).toBe(false);
      expect(v.problems.map((p) => [p.severity, p.code, p.pointer, p.nodeId])).toEqual([['error', 'empty-subject', '/nodes/1/config/subject', 'nudge']]);
    }
  });

  it('read the contact variables of a template, whatever filters follow them', () => {
    expect(contactVariables('Hi {{ contact.frstName | default: "there" }}, {{ contact.email }} {% if contact.plan == "pro" %}!{% endif %}')).toEqual([
      'frstName',
      'email',
      'plan',
    ]);
    expect(contactVariables('{{ unsubscribe_url }} {% for x in (1..3) %}{{ x }}{% endfor %}')).toEqual([]);
    expect(contactVariables('{{ contact.')).toEqual([]);
  });

  it('warn about a variable no contact has, with the name probably meant', () => {
    const problems = templateVariableProblems(emailFlow('Hi {{ contact.frstName }}, still there?', 'Dear {{ contact.firstName }} at {{ contact.company }}'), [
      'firstName',
      'company',
    ]);
    expect(problems).toEqual([
      {
        severity: 'warning',
        code: 'unknown-variable',
        pointer: '/nodes/1/config/subject',
        nodeId: 'nudge',
        message:
          'Node "nudge": the subject uses {{ contact.frstName }}, but no contact has a property "frstName", so it shows nothing. Did you mean firstName?',
      },
    ]);
  });

  it('know the contact fields and the properties the flow itself sets or asks about', () => {
    const flow = emailFlow('{{ contact.stage }} {{ contact.score }} {{ contact.plan }} {{ contact.renewalAt }}', 'Hi', [
      { id: 'mark', type: 'update', config: { set: { plan: 'pro' } } },
      { id: 'pause', type: 'wait', config: { until: { property: 'renewalAt', offset: '-P1D' } } },
    ]);
    expect(templateVariableProblems(flow, [])).toEqual([]);
    expect(
      templateVariableProblems(emailFlow('{{ contact.industry }}'), documentPropertyNames({ fit: [{ if: { property: { name: 'industry', in: ['saas'] } } }] })),
    ).toEqual([]);
  });

  it('suggest nothing when no known name is close', () => {
    const [problem] = templateVariableProblems(emailFlow('{{ contact.favouriteColour }}'), ['firstName']);
    expect(problem!.message).not.toContain('Did you mean');
    expect(closestName('firstname', ['firstName', 'lastName'])).toBe('firstName');
    expect(closestName('frstName', ['firstName', 'lastName'])).toBe('firstName');
    expect(closestName('zip', ['firstName'])).toBeUndefined();
  });
});
