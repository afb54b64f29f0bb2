// Input that would send mail to addresses nobody chose, or smuggle in non-scalar or inherited
// properties, is refused by the API with a sentence and leaves nothing behind.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, publishFlow, welcomeFlow, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const HOSTILE = [
  'a@x.example, b@evil.example',
  'undisclosed:a@evil.example,b@evil.example;',
  'a@x.example\r\nBcc: b@evil.example',
  'Anna <a@x.example>',
  `${'a'.repeat(65)}@x.example`,
  'a@intranet',
];

const rows = (t: TestApp, table: string) => (t.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('addresses in the API', () => {
  it.each(HOSTILE)('refuses the contact email %j with 400 and a sentence, storing nothing', async (email) => {
    t = createTestApp();
    const r = await t.call('PUT', '/api/contacts/c1', { email, properties: { firstName: 'Anna' } });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/^The request is not valid\. \/email: .* is not one email address: .+\.$/);
    expect(r.body.problems).toContainEqual(expect.objectContaining({ code: 'bad-address', pointer: '/email' }));
    expect((await t.call('GET', '/api/contacts/c1')).status).toBe(404);
    expect(rows(t, 'contacts')).toBe(0);
  });

  it.each(HOSTILE)('refuses the owner %j of an existing contact, leaving the contact as it was', async (owner) => {
    t = createTestApp();
    await t.call('PUT', '/api/contacts/c1', { email: 'anna@example.com', owner: 'sam@example.com' });
    const r = await t.call('PUT', '/api/contacts/c1', { owner, email: 'new@example.com' });
    expect(r.status).toBe(400);
    expect(r.body.problems).toContainEqual(expect.objectContaining({ code: 'bad-address', pointer: '/owner' }));
    expect((await t.call('GET', '/api/contacts/c1')).body.contact).toMatchObject({ email: 'anna@example.com', owner: 'sam@example.com' });
  });

  it('accepts one plain address for the email and the owner', async () => {
    t = createTestApp();
    const r = await t.call('PUT', '/api/contacts/c1', { email: "anna.o'brien+news@example.co.uk", owner: 'sam@example.com' });
    expect(r.status).toBe(201);
  });

  it('keeps a flow with a hostile sender or owner from being published, naming the field', async () => {
    t = createTestApp();
    const flow = welcomeFlow('w');
    (flow.nodes[1]!.config as Record<string, unknown>).from = 'Sales <a@x.example>, b@evil.example';
    flow.nodes.splice(2, 0, { id: 'hand', type: 'handoff', config: { fallback: 'a@x.example\r\nBcc: b@evil.example' } } as never);
    const saved = await t.call('PUT', '/api/flows/w', flow);
    expect(saved.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'bad-address', pointer: '/nodes/1/config/from', nodeId: 'hello' }),
        expect.objectContaining({ code: 'bad-address', pointer: '/nodes/2/config/fallback', nodeId: 'hand' }),
      ]),
    );
    const published = await t.call('POST', '/api/flows/w/publish', {});
    expect(published.status).toBe(422);
    expect(published.body.error).toEqual(expect.any(String));
  });
});

describe('properties in the API', () => {
  it('refuses an object or a list as a contact property with 400 naming the property, storing nothing', async () => {
    t = createTestApp();
    const r = await t.call('PUT', '/api/contacts/c1', { email: 'anna@example.com', properties: { firstName: 'Anna', plan: { tier: 'pro' }, tags: ['a'] } });
    expect(r.status).toBe(400);
    expect(r.body.error).toContain('/properties/plan: "plan" must be text, a number, true or false or null, not an object.');
    expect(r.body.error).toContain('/properties/tags: "tags" must be text, a number, true or false or null, not a list.');
    expect(rows(t, 'contacts')).toBe(0);
  });

  it("refuses an object or a list in an event's properties with 400 naming the property, accepting nothing", async () => {
    t = createTestApp();
    const one = await t.call('POST', '/api/events', { id: 'e1', contactId: 'c1', type: 'signup', properties: { plan: { tier: 'pro' } } });
    expect(one.status).toBe(400);
    expect(one.body.error).toMatch(/\/properties\/plan: "plan" must be .* not an object\./);
    const batch = await t.call('POST', '/api/events', {
      events: [
        { id: 'e2', contactId: 'c2', type: 'signup' },
        { id: 'e3', contactId: 'c2', type: 'x', properties: { tags: [1, 2] } },
      ],
    });
    expect(batch.status).toBe(400);
    expect(batch.body.problems).toContainEqual(expect.objectContaining({ pointer: '/events/1/properties/tags' }));
    expect(rows(t, 'events')).toBe(0);
    expect(rows(t, 'contacts')).toBe(0);
  });

  it('refuses "__proto__" as a property name instead of silently dropping it, and pollutes no prototype', async () => {
    t = createTestApp();
    const put = await t.call('PUT', '/api/contacts/c1', '{"email": "anna@example.com", "properties": {"__proto__": {"isAdmin": true}}}');
    expect(put.status).toBe(400);
    expect(put.body.error).toMatch(/"__proto__" cannot be used as a name \(at \/properties\/__proto__\)/);
    const escaped = await t.call('POST', '/api/events', '{"id": "e1", "contactId": "c1", "type": "signup", "properties": {"\\u005f_proto__": "x"}}');
    expect(escaped.status).toBe(400);
    expect(rows(t, 'contacts')).toBe(0);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('treats constructor and toString as ordinary property names: a contact without them does not have them', async () => {
    t = createTestApp();
    await publishFlow(t, {
      format: 'hourglass.flow/1',
      id: 'p',
      name: 'P',
      nodes: [
        { id: 'start', type: 'trigger', config: { on: 'event', event: 'signup' } },
        { id: 'has', type: 'condition', config: { if: { property: { name: 'constructor', exists: true } } } },
        { id: 'yes', type: 'sendEmail', config: { subject: 'yes {{ contact.constructor }}', body: 'x' } },
        { id: 'no', type: 'sendEmail', config: { subject: 'no [{{ contact.toString }}]', body: 'x' } },
      ],
      edges: [
        { from: 'start', to: 'has' },
        { from: 'has', port: 'yes', to: 'yes' },
        { from: 'has', port: 'no', to: 'no' },
      ],
    } as never);
    await t.call('PUT', '/api/contacts/c1', { email: 'c1@example.com' });
    await t.call('PUT', '/api/contacts/c2', { email: 'c2@example.com', properties: { constructor: 'Bob' } });
    await t.call('POST', '/api/events', {
      events: [
        { id: 'e1', contactId: 'c1', type: 'signup' },
        { id: 'e2', contactId: 'c2', type: 'signup' },
      ],
    });
    const subjects = (await t.call('GET', '/api/outbox')).body.emails.map((m: { contactId: string; subject: string }) => [m.contactId, m.subject]).sort();
    expect(subjects).toEqual([
      ['c1', 'no []'],
      ['c2', 'yes Bob'],
    ]);
  });
});
