import { afterEach, describe, expect, it } from 'vitest';
import { TEST_PUBLIC_URL, createTestApp, publishFlow, welcomeFlow, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

/** A contact who received the welcome email in the local mailbox; its public links, as paths. */
async function sentWelcome() {
  t = createTestApp({ manualClock: true });
  await t.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
  await publishFlow(
    t,
    welcomeFlow('welcome', {
      nodes: welcomeFlow().nodes.map((n) => (n.id === 'hello' ? { ...n, config: { subject: 'Hello', body: 'See [the docs](https://acme.test/docs).' } } : n)),
    }),
  );
  await t.call('PUT', '/api/contacts/anna', { email: 'anna@example.com' });
  await t.call('POST', '/api/events', { id: 'e1', contactId: 'anna', type: 'signup' });
  await t.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
  const [email] = (await t.call('GET', '/api/outbox?kind=marketing')).body.emails;
  const path = (url: string) => url.slice(TEST_PUBLIC_URL.length);
  const html = email.html as string;
  return {
    email,
    click: path(/href="(http:\/\/hourglass\.test\/t\/[^"]+)"/.exec(html)![1]!),
    pixel: path(/<img src="(http:\/\/hourglass\.test\/o\/[^"]+)"/.exec(html)![1]!),
    unsubscribe: path(/^<(.+)>$/.exec(email.headers['List-Unsubscribe'])![1]!),
  };
}

const eventTypes = async () => ((await t.call('GET', '/api/contacts/anna')).body.events as { type: string }[]).map((e) => e.type);
/** Lets the event queue process what it accepted (the public routes answer once events are durable). */
const processed = async () => {
  for (let i = 0; i < 100 && t.runtime.inboxSize() > 0; i++) await new Promise((r) => setTimeout(r, 5));
};

describe('public engagement routes', () => {
  it('keeps the HTML and headers of an email delivered to the local mailbox', async () => {
    const { email } = await sentWelcome();
    expect(email.html).toMatch(/^<!DOCTYPE html>/);
    expect(email.headers).toEqual({
      'List-Unsubscribe': expect.stringMatching(/^<http:\/\/hourglass\.test\/u\/.+>$/),
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('answers HEAD as GET and records nothing', async () => {
    const { click, pixel, unsubscribe } = await sentWelcome();
    const head = await t.app.request(pixel, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('image/gif');
    expect((await t.app.request(click, { method: 'HEAD' })).status).toBe(302);
    expect((await t.app.request(unsubscribe, { method: 'HEAD' })).status).toBe(200);
    await processed();
    expect(await eventTypes()).toEqual(['signup']);
  });

  it('moves a click through the same inbox as the API, in the order it came', async () => {
    const { click, pixel } = await sentWelcome();
    expect((await t.app.request(click)).headers.get('location')).toBe('https://acme.test/docs');
    expect((await t.app.request(pixel)).status).toBe(200);
    await processed();
    expect(await eventTypes()).toEqual(['email_opened', 'email_clicked', 'signup']);
  });

  it('never unsubscribes on a GET, and serves a page with no script under a policy that allows none', async () => {
    const { unsubscribe } = await sentWelcome();
    const page = await t.app.request(unsubscribe);
    const html = await page.text();
    expect(html).toContain('<form method="post">');
    expect(html).not.toMatch(/<script|\son\w+=/i);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/script-src/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect((await t.call('GET', '/api/contacts/anna')).body.contact.properties.unsubscribed).toBeUndefined();
  });

  it('takes the one-click post from another origin without JSON, unlike the API', async () => {
    const { unsubscribe } = await sentWelcome();
    const post = await t.app.request(unsubscribe, {
      method: 'POST',
      headers: { Origin: 'https://mail.example.com', 'Content-Type': 'text/plain' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(post.status).toBe(200);
    expect((await t.call('GET', '/api/contacts/anna')).body.contact.properties.unsubscribed).toBe(true);
    expect(await eventTypes()).toContain('unsubscribed');
  });

  it('redirects a link beyond Latin-1 to its percent-encoded address, with an empty body and no caching', async () => {
    t = createTestApp({ manualClock: true });
    await t.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
    // Raw HTML keeps the address as written (Markdown links would be percent-encoded already).
    await publishFlow(
      t,
      welcomeFlow('welcome', {
        nodes: welcomeFlow().nodes.map((n) =>
          n.id === 'hello' ? { ...n, config: { subject: 'Hello', body: 'See <a href="https://acme.test/€uro">prices</a>.' } } : n,
        ),
      }),
    );
    await t.call('PUT', '/api/contacts/anna', { email: 'anna@example.com' });
    await t.call('POST', '/api/events', { id: 'e1', contactId: 'anna', type: 'signup' });
    const [email] = (await t.call('GET', '/api/outbox?kind=marketing')).body.emails;
    const click = /href="http:\/\/hourglass\.test(\/t\/[^"]+)"/.exec(email.html as string)![1]!;
    const answer = await t.app.request(click);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('https://acme.test/%E2%82%ACuro');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(await answer.text()).toBe('');
  });

  it('answers 404 for the links of an email whose contact no longer exists, and records nothing', async () => {
    const { click, pixel } = await sentWelcome();
    // The email's row stays (as if written by hand); the one lookup of a click also asks for the contact.
    t.db.prepare('DELETE FROM contacts WHERE id = ?').run('anna');
    expect((await t.app.request(click)).status).toBe(404);
    expect((await t.app.request(pixel)).status).toBe(404);
    await processed();
    expect(t.db.prepare("SELECT count(*) AS n FROM events WHERE type IN ('email_clicked', 'email_opened')").get()).toEqual({ n: 0 });
  });

  it('answers a token that does not verify with 404 and records nothing', async () => {
    const { click, unsubscribe } = await sentWelcome();
    for (const path of [`${click}x`, click.replace('/t/', '/o/'), unsubscribe.replace('/u/', '/t/'), '/t/nothing', '/o/a.b']) {
      expect((await t.app.request(path)).status, path).toBe(404);
    }
    expect((await t.app.request(`${unsubscribe.slice(0, -3)}`, { method: 'POST', body: 'x' })).status).toBe(404);
    await processed();
    expect(await eventTypes()).toEqual(['signup']);
    expect((await t.call('GET', '/api/contacts/anna')).body.contact.properties.unsubscribed).toBeUndefined();
  });
});

describe('email settings', () => {
  it('stores the sender, footer and look, with defaults for what is left out', async () => {
    t = createTestApp();
    expect((await t.call('GET', '/api/settings/email')).body).toMatchObject({ senderName: '', postalAddress: '', colors: { accent: '#2563eb' } });
    const put = await t.call('PUT', '/api/settings/email', {
      senderName: 'Acme',
      senderAddress: 'news@acme.test',
      postalAddress: 'Ring 1\n1010 Wien',
      logoUrl: 'https://acme.test/logo.png',
      colors: { accent: '#ff6600' },
    });
    expect(put.status).toBe(200);
    expect((await t.call('GET', '/api/settings/email')).body).toEqual({
      senderName: 'Acme',
      senderAddress: 'news@acme.test',
      postalAddress: 'Ring 1\n1010 Wien',
      logoUrl: 'https://acme.test/logo.png',
      colors: { background: '#f3f4f6', content: '#ffffff', text: '#111827', accent: '#ff6600' },
    });
  });

  it.each([
    [{ senderAddress: 'a@acme.test, b@evil.test' }, '/senderAddress'],
    [{ senderName: 'Acme\r\nBcc: x@evil.test', senderAddress: 'a@acme.test' }, '/senderName'],
    [{ senderName: 'Acme <x>', senderAddress: 'a@acme.test' }, '/senderName'],
    [{ colors: { accent: 'red;background:url(x)' } }, '/colors/accent'],
    [{ logoUrl: 'javascript:alert(1)' }, '/logoUrl'],
  ])('refuses %j, pointing at the field, and keeps what was stored', async (body, pointer) => {
    t = createTestApp();
    const r = await t.call('PUT', '/api/settings/email', body);
    expect(r.status).toBe(400);
    expect(r.body.problems.map((p: { pointer: string }) => p.pointer)).toContain(pointer);
    expect((await t.call('GET', '/api/settings/email')).body.senderName).toBe('');
  });
});
