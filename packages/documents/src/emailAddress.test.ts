import { describe, expect, it } from 'vitest';
import { FLOW_FORMAT } from './flow.ts';
import { emailAddressError, parseSender, senderError } from './emailAddress.ts';
import { validateFlow } from './validateFlow.ts';

/** Addresses that would send mail to someone nobody chose, or break the SMTP dialogue. */
const HOSTILE_ADDRESSES = [
  'a@x.example, b@evil.example',
  'a@x.example,b@evil.example',
  'a@x.example; b@evil.example',
  'undisclosed:a@evil.example,b@evil.example;',
  'a@x.example\r\nBcc: b@evil.example',
  'a@x.example\nBcc: b@evil.example',
  'a@x.example\u0000',
  'Anna <a@x.example>',
  '"a@x.example" <b@evil.example>',
  'a@x.example b@evil.example',
  '<b@evil.example>',
  'a@b@evil.example',
  'a@[127.0.0.1]',
  '"quoted"@x.example',
  'a..b@x.example',
  '.a@x.example',
  'a@x..example',
  'a@-x.example',
  'a@intranet',
  'anna@',
  '@x.example',
  'anna',
  '',
  `${'a'.repeat(65)}@x.example`,
  `a@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.example`,
  'ánna@x.example',
];

describe('emailAddressError', () => {
  it.each(['anna@example.com', "anna.o'brien+news@mail.example.co.uk", 'hourglass@localhost', 'x@xn--mller-kva.de', `${'a'.repeat(64)}@x.example`])(
    'accepts %j as one address',
    (s) => {
      expect(emailAddressError(s)).toBeNull();
    },
  );

  it.each(HOSTILE_ADDRESSES)('refuses %j with a sentence', (s) => {
    expect(emailAddressError(s)).toMatch(/ is not one email address: .+\.$/);
  });

  it('never echoes a line break back into its sentence', () => {
    expect(emailAddressError('a@x.example\r\nBcc: b@evil.example')).not.toMatch(/[\r\n]/);
  });
});

describe('parseSender', () => {
  it('reads a bare address and a display name with one address', () => {
    expect(parseSender('sales@acme.example')).toEqual({ ok: true, sender: { address: 'sales@acme.example' } });
    expect(parseSender('Acme Sales <sales@acme.example>')).toEqual({ ok: true, sender: { name: 'Acme Sales', address: 'sales@acme.example' } });
    expect(parseSender('Müller & Söhne (Vienna) <m@acme.example>')).toEqual({
      ok: true,
      sender: { name: 'Müller & Söhne (Vienna)', address: 'm@acme.example' },
    });
  });

  it.each([
    'a@x.example, b@evil.example',
    'Sales <a@x.example>, b@evil.example',
    'Sales <a@x.example, b@evil.example>',
    'undisclosed:a@evil.example,b@evil.example;',
    'Sales: <a@x.example>',
    'Sales, Inc <a@x.example>',
    'Sales\r\nBcc: b@evil.example <a@x.example>',
    'Sales <a@x.example>\r\nBcc: b@evil.example',
    '"Sales" <a@x.example>',
    'b@evil.example <a@x.example>',
    `${'S'.repeat(101)} <a@x.example>`,
  ])('refuses %j', (s) => {
    expect(senderError(s)).toMatch(/ is not (one email address|a sender name): /);
  });
});

function flowWith(config: Record<string, unknown>, type: 'sendEmail' | 'handoff') {
  return {
    format: FLOW_FORMAT,
    id: 'f',
    name: 'F',
    nodes: [
      { id: 'start', type: 'trigger', config: { on: 'manual' } },
      { id: 'n', type, config },
    ],
    edges: [{ from: 'start', to: 'n' }],
  };
}

describe('flow validation of addresses', () => {
  it.each([
    [
      'a sendEmail from with two addresses',
      flowWith({ subject: 'Hi', body: 'Hi', from: 'Sales <a@x.example>, b@evil.example' }, 'sendEmail'),
      '/nodes/1/config/from',
    ],
    [
      'a sendEmail from with a header',
      flowWith({ subject: 'Hi', body: 'Hi', from: 'a@x.example\r\nBcc: b@evil.example' }, 'sendEmail'),
      '/nodes/1/config/from',
    ],
    [
      'a routing owner that is a group',
      flowWith({ routing: [{ if: { stage: { gte: 'lead' } }, owner: 'undisclosed:a@evil.example,b@evil.example;' }] }, 'handoff'),
      '/nodes/1/config/routing/0/owner',
    ],
    ['a round-robin owner list in one entry', flowWith({ roundRobin: ['a@x.example, b@evil.example'] }, 'handoff'), '/nodes/1/config/roundRobin/0'],
    ['a fallback owner with a header', flowWith({ fallback: 'a@x.example\nBcc: b@evil.example' }, 'handoff'), '/nodes/1/config/fallback'],
  ])('flags %s as a bad address', (_name, doc, pointer) => {
    const v = validateFlow(doc);
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        code: 'bad-address',
        pointer,
        nodeId: 'n',
        message: expect.stringMatching(/^Node "n": .* is not (one email address|a sender name): /),
      }),
    );
  });

  it('accepts a sender with a display name and plain owner addresses', () => {
    expect(
      validateFlow(flowWith({ subject: 'Hi', body: 'Hi', from: 'Acme <news@acme.example>' }, 'sendEmail')).problems.filter((p) => p.severity === 'error'),
    ).toEqual([]);
    expect(
      validateFlow(flowWith({ roundRobin: ['a@acme.example'], fallback: 'b@acme.example' }, 'handoff')).problems.filter((p) => p.severity === 'error'),
    ).toEqual([]);
  });
});
