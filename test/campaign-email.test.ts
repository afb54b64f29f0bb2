// The campaign loop over real sockets: a marketing email through a real SMTP server, its MIME
// parsed as a mail client would, then its links followed over HTTP back to Hourglass.
import { simpleParser, type ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { FLOW_FORMAT } from '@hourglass/documents';
import { signToken } from '../apps/server/src/publicToken.ts';
import { inProcessServers, type SmtpCapture } from './inProcessServer.ts';
import { freePort } from './serverProcess.ts';

const flow = {
  format: FLOW_FORMAT,
  id: 'welcome',
  name: 'Welcome',
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'event', event: 'signed_up' } },
    {
      id: 'hello',
      type: 'sendEmail',
      config: {
        subject: 'Welcome, {{ contact.firstName }}',
        body: '# Hello {{ contact.firstName }}\n\nRead [the guide](https://acme.test/guide?x=1&y=2).\n\n<p><a href="https://acme.test/pricing">Pricing</a> and <a href="https://acme.test/private" data-notrack>your account</a>.</p>\n',
      },
    },
    { id: 'clicked', type: 'waitFor', config: { until: { event: { type: 'email_clicked' } }, timeout: 'P7D' } },
    { id: 'thanks', type: 'sendEmail', config: { subject: 'Thanks for reading', body: 'Glad you liked it. [Leave]({{ unsubscribe_url }})' } },
    { id: 'hand', type: 'handoff', config: { fallback: 'sam@acme.test' } },
    { id: 'pause', type: 'wait', config: { for: 'P1D' } },
    { id: 'news', type: 'sendEmail', config: { subject: 'News', body: 'More news.' } },
  ],
  edges: [
    { from: 'start', to: 'hello' },
    { from: 'hello', to: 'clicked' },
    { from: 'clicked', port: 'met', to: 'thanks' },
    { from: 'thanks', to: 'hand' },
    { from: 'hand', to: 'pause' },
    { from: 'pause', to: 'news' },
  ],
};

const TOKEN = 'campaign-test-token-of-32-characters-or-more';
const SECRET = 'campaign-test-secret-of-32-characters-or-more';

const servers = inProcessServers(TOKEN);
let smtp: SmtpCapture | undefined;

async function start() {
  smtp = await servers.smtp();
  const port = await freePort();
  const { base, call } = await servers.start({ SMTP_URL: smtp.url, HOURGLASS_PUBLIC_URL: `http://127.0.0.1:${port}`, HOURGLASS_SECRET: SECRET }, port);
  await call('PUT', '/api/settings/email', {
    senderName: 'Acme GmbH',
    senderAddress: 'news@acme.test',
    postalAddress: 'Ring 1, 1010 Wien',
    colors: { accent: '#ff6600' },
  });
  await call('PUT', '/api/flows/welcome', flow);
  await call('POST', '/api/flows/welcome/publish', {});
  await call('PUT', '/api/contacts/c1', { email: 'dana@example.com', properties: { firstName: 'Dana' } });
  /** Waits until every accepted event is processed, then lets the outbox drain (the clock route waits for it). */
  const settle = async (now = '2026-03-02T08:00:00Z') => {
    for (let i = 0; i < 200 && (await call('GET', '/api/health')).inbox > 0; i++) await new Promise((r) => setTimeout(r, 10));
    await call('POST', '/api/admin/clock', { now });
  };
  return { base, call, settle };
}

const mailTo = async (subject: string): Promise<ParsedMail> => simpleParser(smtp!.mails.find((m) => m.subject === subject)!.raw);
/** Every href of an HTML part, in order. */
const hrefs = (html: string) => [...html.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
const eventsOf = async (call: (m: string, p: string) => Promise<any>) => (await call('GET', '/api/contacts/c1')).events as { type: string; data: unknown }[];

describe('a marketing email out and its engagement back', () => {
  it('leaves as multipart/alternative with unsubscribe headers, tracked links and a pixel; its links bring clicks, opens and the unsubscribe back', async () => {
    const { base, call, settle } = await start();
    await call('POST', '/api/events', { id: 'e1', contactId: 'c1', type: 'signed_up' });
    await settle();

    const mail = await mailTo('Welcome, Dana');
    expect(mail.from?.value).toEqual([{ name: 'Acme GmbH', address: 'news@acme.test' }]);
    // multipart/alternative: a text part and an HTML part.
    expect(smtp!.mails.find((m) => m.subject === 'Welcome, Dana')!.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail.text).toContain('Read [the guide](https://acme.test/guide?x=1&y=2).');
    expect(mail.text).toMatch(/Acme GmbH\nRing 1, 1010 Wien\nUnsubscribe: http:\/\/127\.0\.0\.1:\d+\/u\//);
    const html = mail.html as string;
    expect(html).toContain('<h1>Hello Dana</h1>');
    expect(html).toContain('Ring 1, 1010 Wien');

    const unsubscribeLine = mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
    const unsubscribeUrl = { url: /^List-Unsubscribe: <([^>]+)>$/.exec(unsubscribeLine)?.[1] ?? '' };
    expect(unsubscribeUrl.url).toMatch(new RegExp(`^${base}/u/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    const links = hrefs(html);
    const tracked = links.filter((h) => h.startsWith(`${base}/t/`));
    expect(tracked).toHaveLength(2);
    expect(links).toContain('https://acme.test/private');
    expect(links).toContain(unsubscribeUrl.url);
    expect(links.some((h) => h.startsWith('https://acme.test/guide') || h.startsWith('https://acme.test/pricing'))).toBe(false);
    const pixel = html.match(/<img src="([^"]+)"[^>]*>\s*<\/body>/)?.[1];
    expect(pixel).toMatch(new RegExp(`^${base}/o/`));

    // The outbox shows the HTML as sent and the extra headers.
    const [sent] = (await call('GET', '/api/outbox?kind=marketing')).emails;
    expect(sent.html).toBe(html.replace(/\r\n/g, '\n'));
    expect(sent.headers).toEqual({ 'List-Unsubscribe': `<${unsubscribeUrl.url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });

    // A HEAD of a link records nothing; the click redirects to the original URL and moves the flow on.
    expect((await fetch(tracked[0]!, { method: 'HEAD', redirect: 'manual' })).status).toBe(302);
    expect((await eventsOf(call)).some((e) => e.type === 'email_clicked')).toBe(false);
    const click = await fetch(tracked[0]!, { redirect: 'manual' });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://acme.test/guide?x=1&y=2');
    const open = await fetch(pixel!);
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toBe('image/gif');
    expect(open.headers.get('cache-control')).toMatch(/no-store/);
    expect((await open.arrayBuffer()).byteLength).toBeGreaterThan(0);
    await settle();
    const events = await eventsOf(call);
    expect(events.filter((e) => e.type.startsWith('email_')).map((e) => [e.type, e.data])).toEqual([
      ['email_opened', { email: 'hello', flow: 'welcome' }],
      ['email_clicked', { email: 'hello', flow: 'welcome', url: 'https://acme.test/guide?x=1&y=2' }],
    ]);
    expect(smtp!.mails.map((m) => m.subject)).toContain('Thanks for reading');

    // The notification to the owner carries none of it.
    const notice = smtp!.mails.find((m) => m.subject.startsWith('New lead for you'))!;
    const parsedNotice = await simpleParser(notice.raw);
    expect(parsedNotice.headerLines.some((h) => h.key.startsWith('list-'))).toBe(false);
    expect(parsedNotice.html).toBeTruthy();
    expect(parsedNotice.html as string).not.toMatch(/\/[tou]\/[A-Za-z0-9_-]+\./);

    // A GET of the unsubscribe page only asks; the one-click POST of RFC 8058 unsubscribes, twice records once.
    const ask = await fetch(unsubscribeUrl.url);
    expect(ask.status).toBe(200);
    expect(ask.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(await ask.text()).toMatch(/Unsubscribe\?/);
    for (let i = 0; i < 2; i++) {
      const post = await fetch(unsubscribeUrl.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(post.status).toBe(200);
      expect(await post.text()).toMatch(/You are unsubscribed/);
    }
    expect((await call('GET', '/api/contacts/c1')).contact.properties.unsubscribed).toBe(true);
    expect((await eventsOf(call)).filter((e) => e.type === 'unsubscribed').map((e) => e.data)).toEqual([{ email: 'hello', flow: 'welcome' }]);

    // A later email of the flow is suppressed.
    await settle('2026-03-03T09:00:00Z');
    const news = (await call('GET', '/api/outbox?kind=marketing')).emails.find((m: { node: string }) => m.node === 'news');
    expect(news).toMatchObject({ status: 'suppressed', suppressed: 'unsubscribed' });

    // Subscribing again from the page records `resubscribed` and clears the property.
    const back = await fetch(unsubscribeUrl.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'action=resubscribe',
    });
    expect(await back.text()).toMatch(/subscribed again/);
    expect((await call('GET', '/api/contacts/c1')).contact.properties.unsubscribed).toBe(false);
    expect((await eventsOf(call)).filter((e) => e.type === 'resubscribed')).toHaveLength(1);
  });

  it("answers 404 and records nothing for a forged, cut, misused or erased contact's token", async () => {
    const { base, call, settle } = await start();
    await call('POST', '/api/events', { id: 'e1', contactId: 'c1', type: 'signed_up' });
    await settle();
    const mail = await mailTo('Welcome, Dana');
    const html = mail.html as string;
    const tracked = hrefs(html).find((h) => h.startsWith(`${base}/t/`))!;
    const pixel = html.match(/<img src="([^"]+)"[^>]*>\s*<\/body>/)![1]!;
    const token = tracked.slice(`${base}/t/`.length);
    const [emailId] = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).slice(1);
    const before = (await eventsOf(call)).length;
    const refused = [
      `${base}/t/${token.slice(0, -2)}`, // cut
      `${base}/t/${signToken(Buffer.from('another-secret-of-thirty-two-characters!!'), 't', [emailId, 'https://evil.test'])}`, // forged
      `${base}/t/${pixel.slice(`${base}/o/`.length)}`, // the pixel's token used as a link
      `${base}/o/${signToken(Buffer.from(SECRET), 'o', ['no-such-email'])}`, // names nothing
    ];
    for (const url of refused) expect((await fetch(url, { redirect: 'manual' })).status, url).toBe(404);
    expect((await fetch(`${base}/u/${token}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(404);
    await settle();
    expect(await eventsOf(call)).toHaveLength(before);

    // Erasing the contact makes every link of its emails name nothing.
    await fetch(`${base}/api/contacts/c1`, { method: 'DELETE', headers: { Authorization: `Bearer ${TOKEN}` } });
    for (const url of [tracked, pixel]) expect((await fetch(url, { redirect: 'manual' })).status).toBe(404);
    await settle();
    expect((await call('GET', '/api/contacts/c1')).error).toBeTruthy();
  });
});
