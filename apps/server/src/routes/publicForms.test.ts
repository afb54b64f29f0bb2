import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEST_PUBLIC_URL, createTestApp, publishFlow, whitepaperForm, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const form = whitepaperForm;

async function setUp(overrides: Record<string, unknown> = {}, options: Parameters<typeof createTestApp>[0] = {}) {
  t = createTestApp({ manualClock: true, ...options });
  await t.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
  const saved = await t.call('PUT', '/api/forms/wp', form(overrides));
  expect(saved.status).toBe(201);
}

const postJson = (body: unknown, headers: Record<string, string> = {}) =>
  t.app.request('/f/wp', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'https://other.example', ...headers },
    body: JSON.stringify(body),
  });
const postForm = (fields: Record<string, string>) =>
  t.app.request('/f/wp', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
const contacts = async () => (await t.call('GET', '/api/contacts')).body.contacts as { id: string; email: string; properties: Record<string, unknown> }[];
const processed = async () => {
  for (let i = 0; i < 100 && t.runtime.inboxSize() > 0; i++) await new Promise((r) => setTimeout(r, 5));
};
const eventsOf = async (id: string) => (await t.call('GET', `/api/contacts/${id}`)).body.events as { type: string; data: unknown }[];

describe('form definitions', () => {
  it('refuses a form without one email field named email, and reserved field names', async () => {
    t = createTestApp();
    const noEmail = await t.call('PUT', '/api/forms/x', form({ fields: [{ name: 'firstName', label: 'Name', type: 'text' }] }));
    expect(noEmail.status).toBe(400);
    for (const name of ['__proto__', 'id', 'stage', 'owner', 'unsubscribed', 'consent']) {
      const r = await t.call('PUT', '/api/forms/x', form({ fields: [...form().fields, { name, label: 'X', type: 'text' }] }));
      expect(r.status, name).toBe(400);
    }
    expect((await t.call('GET', '/api/forms')).body.forms).toEqual([]);
  });

  it('lists, reads and deletes a form', async () => {
    await setUp();
    expect((await t.call('GET', '/api/forms')).body.forms.map((f: { id: string }) => f.id)).toEqual(['wp']);
    expect((await t.call('GET', '/api/forms/wp')).body).toMatchObject({ id: 'wp', name: 'Whitepaper', doubleOptIn: false });
    expect((await t.call('DELETE', '/api/forms/wp')).status).toBe(204);
    expect((await t.call('GET', '/api/forms/wp')).status).toBe(404);
  });
});

describe('public form posts', () => {
  it('serves the hosted page without script, with the honeypot hidden', async () => {
    await setUp();
    const r = await t.app.request('/f/wp');
    const html = await r.text();
    expect(r.status).toBe(200);
    expect(html).not.toContain('<script');
    expect(html).toContain('name="_hp"');
    expect(html).toContain('.hp{position:absolute;left:-10000px');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('answers a missing consent and a bad email with 422 and problems, and stores nothing', async () => {
    await setUp();
    const r = await postJson({ email: 'not an address', firstName: 'Anna' });
    expect(r.status).toBe(422);
    const body = await r.json();
    expect(body.problems.map((p: { pointer: string }) => p.pointer)).toEqual(['/email', '/consent']);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    const page = await postForm({ email: 'anna@example.com', size: 'huge' });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain('Please give your consent to continue.');
    expect(await contacts()).toEqual([]);
    expect(t.db.prepare('SELECT count(*) AS n FROM consents').get()).toEqual({ n: 0 });
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    await setUp();
    const r = await postJson({ email: 'bot@example.com', consent: 'on', _hp: 'http://spam' });
    expect(r.status).toBe(202);
    expect(await r.json()).toEqual({ status: 'accepted' });
    await processed();
    expect(await contacts()).toEqual([]);
  });

  it('refuses the 21st post within a minute from one address with 429', async () => {
    let now = Date.UTC(2026, 2, 2, 8);
    await setUp({}, { wallClock: () => now });
    for (let i = 0; i < 20; i++) expect((await postJson({ email: `a${i}@example.com` })).status).toBe(422);
    expect((await postJson({ email: 'late@example.com', consent: 'on' })).status).toBe(429);
    now += 61_000;
    expect((await postJson({ email: 'late@example.com', consent: 'on' })).status).toBe(202);
  });

  it('answers JSON with 202 and a browser post with 303, storing the contact, the consent and form_submitted', async () => {
    await setUp({ redirect: 'https://acme.test/thanks' });
    const json = await postJson({ email: 'anna@example.com', firstName: 'Anna', size: '1-10', consent: true }, { 'User-Agent': 'Test/1' });
    expect(json.status).toBe(202);
    expect(await json.json()).toEqual({ status: 'accepted' });
    const browser = await postForm({ email: 'ANNA@example.com', firstName: 'Annie', consent: 'on' });
    expect(browser.status).toBe(303);
    expect(browser.headers.get('location')).toBe('https://acme.test/thanks');
    await processed();
    const [anna, ...others] = await contacts();
    expect(others).toEqual([]);
    expect(anna).toMatchObject({ email: 'anna@example.com', properties: { firstName: 'Annie', size: '1-10' } });
    const detail = (await t.call('GET', `/api/contacts/${anna!.id}`)).body;
    expect(detail.events.map((e: { type: string; data: unknown }) => [e.type, e.data])).toEqual([
      ['form_submitted', { form: 'wp' }],
      ['form_submitted', { form: 'wp' }],
    ]);
    expect(detail.consents[0]).toMatchObject({
      form: 'wp',
      text: 'I agree to receive emails about the whitepaper.',
      userAgent: 'Test/1',
      status: 'confirmed',
      at: '2026-03-02T08:00:00.000Z',
    });
    const exported = (await t.call('GET', `/api/contacts/${anna!.id}/export`)).body;
    expect(exported.consents).toHaveLength(2);
    expect((await t.call('DELETE', `/api/contacts/${anna!.id}`)).status).toBe(204);
    expect(t.db.prepare('SELECT count(*) AS n FROM consents').get()).toEqual({ n: 0 });
  });

  it('records form_submitted in the transaction of the contact and its consent: when it cannot be recorded, neither is kept', async () => {
    await setUp();
    const failing = vi.spyOn(t.runtime.repos.eventIds, 'add').mockImplementation(() => {
      throw new Error('disk I/O error');
    });
    const refused = await postJson({ email: 'anna@example.com', consent: true });
    expect(refused.status).toBe(500);
    failing.mockRestore();
    await processed();
    expect(await contacts()).toEqual([]);
    expect(t.db.prepare('SELECT count(*) AS n FROM consents').get()).toEqual({ n: 0 });
    expect((await t.call('GET', '/api/events/failed')).body.total).toBe(0);
    // The visitor posts again: all three are there, the event already when the post is answered.
    expect((await postJson({ email: 'anna@example.com', consent: true })).status).toBe(202);
    const [anna] = await contacts();
    expect((await eventsOf(anna!.id)).map((e) => e.type)).toEqual(['form_submitted']);
    expect(t.db.prepare('SELECT count(*) AS n FROM consents').get()).toEqual({ n: 1 });
  });

  it("sends a browser post without a redirect to a thank-you page in the workspace's look", async () => {
    await setUp();
    expect((await t.call('PUT', '/api/settings/email', { senderName: 'Acme Labs', postalAddress: '1 Main St', colors: { accent: '#aa3300' } })).status).toBe(
      200,
    );
    const r = await postForm({ email: 'anna@example.com', consent: 'on' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/f/wp/thanks');
    const thanks = await t.app.request('/f/wp/thanks');
    expect(thanks.status).toBe(200);
    const html = await thanks.text();
    expect(html).toContain('<h1>Thank you!</h1>');
    expect(html).toContain('Acme Labs<br>1 Main St');
    expect(html).toContain('#aa3300');
    expect((await t.app.request('/f/nope/thanks')).status).toBe(404);
  });

  it('allows the embed from any origin: preflight, script and post', async () => {
    await setUp();
    const pre = await t.app.request('/f/wp', { method: 'OPTIONS', headers: { Origin: 'https://other.example', 'Access-Control-Request-Method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toBe('Content-Type');
    const js = await t.app.request('/f/wp/embed.js');
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const text = await js.text();
    expect(text).toContain(`"action":"${TEST_PUBLIC_URL}/f/wp"`);
    expect(() => new Function(text)).not.toThrow();
  });
});

describe('double opt-in', () => {
  const flow = {
    format: 'hourglass.flow/1',
    id: 'nurture',
    name: 'Nurture',
    settings: {},
    nodes: [
      { id: 'start', type: 'trigger', config: { on: 'event', event: 'form_submitted', where: { form: 'wp' } } },
      { id: 'wait', type: 'wait', config: { for: 'P1D' } },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [
      { from: 'start', to: 'wait' },
      { from: 'wait', to: 'done' },
    ],
  };

  async function confirmationLink() {
    await setUp({ doubleOptIn: true });
    await publishFlow(t, flow);
    const r = await postJson({ email: 'anna@example.com', consent: 'on' });
    expect(await r.json()).toEqual({ status: 'confirmation-sent' });
    await t.delivery.drain();
    const [email] = (await t.call('GET', '/api/outbox?kind=notification')).body.emails;
    expect(email).toMatchObject({ to: 'anna@example.com', status: 'sent', headers: {} });
    expect(email.html).not.toMatch(/\/o\/|\/t\/|\/u\//);
    const link = /\((http:\/\/hourglass\.test\/c\/[^)]+)\)/.exec(email.body)![1]!;
    const [contact] = await contacts();
    return { path: link.slice(TEST_PUBLIC_URL.length), id: contact!.id };
  }

  it('records the event only once the link is followed, once, and shows the same page after', async () => {
    const { path, id } = await confirmationLink();
    await processed();
    expect(await eventsOf(id)).toEqual([]);
    expect((await t.call('GET', `/api/contacts/${id}`)).body.consents[0].status).toBe('pending');
    const first = await t.app.request(path);
    expect(first.status).toBe(200);
    const again = await t.app.request(path);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('You are confirmed');
    await processed();
    expect((await eventsOf(id)).map((e) => e.type)).toEqual(['form_submitted']);
    expect((await t.call('GET', `/api/contacts/${id}`)).body.consents[0]).toMatchObject({ status: 'confirmed', confirmedAt: '2026-03-02T08:00:00.000Z' });
    expect((await t.call('GET', '/api/flows/nurture/enrolments')).body.enrolments.map((e: { contactId: string }) => e.contactId)).toEqual([id]);
  });

  it('shows an expired page after 7 days and records nothing', async () => {
    const { path, id } = await confirmationLink();
    await t.call('POST', '/api/admin/clock', { now: '2026-03-09T08:00:01Z' });
    const r = await t.app.request(path);
    expect(r.status).toBe(410);
    expect(await r.text()).toContain('expired');
    await processed();
    expect(await eventsOf(id)).toEqual([]);
    expect((await t.call('GET', `/api/contacts/${id}`)).body.consents[0].status).toBe('expired');
  });

  it('answers a forged or truncated token with 404 and records nothing', async () => {
    const { path, id } = await confirmationLink();
    const [payload, mac] = path.slice('/c/'.length).split('.');
    const forged = `/c/${payload}.${mac!.startsWith('A') ? 'B' : 'A'}${mac!.slice(1)}`;
    expect((await t.app.request(forged)).status).toBe(404);
    expect((await t.app.request(path.slice(0, -3))).status).toBe(404);
    expect((await t.app.request('/c/nonsense')).status).toBe(404);
    await processed();
    expect(await eventsOf(id)).toEqual([]);
  });
});
