// Forms, their public pages and posts, double opt-in, consents, and the public links of sent
// email (tracked link, open pixel, unsubscribe) answer on PostgreSQL as on SQLite: one session
// run on both stores with the manual clock at the same instant, every answer compared (ids made
// by the server replaced by their kind, the public address by <public>). The links are taken
// from each store's own outbox, so a link signed by a PostgreSQL worker must open on it.
// Without PostgreSQL this file fails, saying so.
import { describe, expect, it } from 'vitest';
import { startPgTestServer, type PgTestServer } from '../apps/server/src/pg/pgTestServer.ts';
import { welcomeFlow, whitepaperForm } from '../apps/server/src/testApp.ts';
import { expectSameAnswers, useBothStores, type BothStores, type Call, type ParitySession } from './storeParity.ts';

const wpForm = whitepaperForm();
const newsForm = whitepaperForm({ name: 'Newsletter', consent: { text: 'Send me the newsletter.', required: true }, doubleOptIn: true });

/** A flow started by the whitepaper form that sends an email with a link. */
const formFlow = welcomeFlow('after-form', {
  nodes: welcomeFlow().nodes.map((n) =>
    n.id === 'start'
      ? { ...n, config: { on: 'event', event: 'form_submitted', where: { form: 'wp' } } }
      : n.id === 'hello'
        ? { ...n, config: { subject: 'Your whitepaper', body: 'Read [the whitepaper](https://acme.test/wp.pdf).' } }
        : n,
  ),
});

const json = { 'Content-Type': 'application/json', 'User-Agent': 'parity-test' };
const urlencoded = { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'parity-test' };
/** The path of a public link, whichever address the store puts before it. */
const pathOf = (url: string | undefined) => (url ? url.replace(/^https?:\/\/[^/]+/, '') : '/no-such-link');

/** Waits until the store has applied every input it accepted (clicks and opens are answered once durable). */
async function settle(call: Call): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const health = await call('GET', '/api/health');
    if (health.body.inbox === 0 && health.body.overdueTimers === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('The inbox was not worked off.');
}

/** The id of the contact with this email (ids are made by each store). */
async function contactWith(call: Call, email: string): Promise<string> {
  const found = await call('GET', `/api/contacts?search=${encodeURIComponent(email)}`);
  return (found.body.contacts as { id: string }[])[0]?.id ?? 'none';
}

/** What was sent to whom: the bodies hold each store's own signed links. */
const sentWhat = ({ kind, node, to, subject, status, flowId }: Record<string, unknown>) => ({ kind, node, to, subject, status, flowId });

const session: ParitySession = async (call, _token, step, note) => {
  const clock = async (label: string, now: string) => {
    const r = await call('POST', '/api/admin/clock', { now });
    note(label, r.status, r.body.now);
  };
  await clock('clock', '2026-03-02T08:00:00Z');
  await step('email settings', 'PUT', '/api/settings/email', { senderName: 'Acme', postalAddress: '1 Road, Town' });
  // The forms' API.
  await step('no forms', 'GET', '/api/forms');
  await step('form made', 'PUT', '/api/forms/wp', wpForm);
  await step('form saved again', 'PUT', '/api/forms/wp', wpForm);
  await step('form with a bad id', 'PUT', '/api/forms/bad%20id', wpForm);
  await step('form without email', 'PUT', '/api/forms/x', { ...wpForm, fields: [{ name: 'firstName', label: 'Name', type: 'text' }] });
  await step('double opt-in form', 'PUT', '/api/forms/news', newsForm);
  await step('a form to delete', 'PUT', '/api/forms/old', wpForm);
  await step('form deleted', 'DELETE', '/api/forms/old');
  await step('form deleted again', 'DELETE', '/api/forms/old');
  await step('forms', 'GET', '/api/forms');
  await step('form read', 'GET', '/api/forms/wp');
  await step('no such form', 'GET', '/api/forms/old');
  await step('flow saved', 'PUT', '/api/flows/after-form', formFlow);
  await step('flow published', 'POST', '/api/flows/after-form/publish', {});
  // The public side of forms.
  await step('hosted page', 'GET', '/f/wp');
  await step('thanks', 'GET', '/f/wp/thanks');
  await step('check your email', 'GET', '/f/news/thanks');
  await step('embed script', 'GET', '/f/wp/embed.js');
  await step('no hosted page', 'GET', '/f/old');
  await step('preflight', 'OPTIONS', '/f/wp');
  await step('JSON post', 'POST', '/f/wp', { email: 'Anna@Example.com', firstName: 'Anna', consent: true }, json);
  await step('JSON post without consent', 'POST', '/f/wp', { email: 'dora@example.com' }, json);
  await step('JSON post not an object', 'POST', '/f/wp', '[1]', json);
  await step('post of another type', 'POST', '/f/wp', 'email=x', { 'Content-Type': 'text/plain' });
  await step('JSON post to no form', 'POST', '/f/old', { email: 'x@example.com', consent: true }, json);
  await step('bot post', 'POST', '/f/wp', { email: 'bot@example.com', consent: true, _hp: 'filled' }, json);
  const posted = await step('form post', 'POST', '/f/wp', 'email=bob%40example.com&size=11-50&consent=on', urlencoded);
  note('form post goes to', posted.status, posted.headers.get('location'));
  await step('form post with errors', 'POST', '/f/wp', 'email=not-an-email&size=huge', urlencoded);
  await step('JSON post again', 'POST', '/f/wp', { email: 'anna@example.com', size: '1-10', consent: true }, json);
  await step('double opt-in post', 'POST', '/f/news', { email: 'carla@example.com', firstName: 'Carla', consent: true }, json);
  await clock('moments later', '2026-03-02T08:01:00Z');
  const carla = await contactWith(call, 'carla@example.com');
  await step('carla before confirming', 'GET', `/api/contacts/${carla}`);
  const notices = await call('GET', '/api/outbox?kind=notification');
  const notice = (notices.body.emails as Record<string, unknown>[])[0] ?? {};
  note('confirmation email', notices.status, sentWhat(notice));
  const confirm = pathOf(/\((https?:\/\/[^)]+\/c\/[^)]+)\)/.exec(String(notice.body))?.[1]);
  await step('confirmed', 'GET', confirm);
  await step('confirmed again', 'GET', confirm);
  await step('confirmation forged', 'GET', `${confirm}x`);
  await step('carla confirmed', 'GET', `/api/contacts/${carla}`);
  await step('bob', 'GET', `/api/contacts/${await contactWith(call, 'bob@example.com')}`);
  await step('no bot', 'GET', '/api/contacts?search=bot%40');
  // The email the flow sent Anna, and its public links.
  await settle(call);
  const sent = await call('GET', '/api/outbox?kind=marketing');
  const emails = sent.body.emails as Record<string, any>[];
  note('marketing emails', sent.status, emails.map(sentWhat));
  const email = emails.find((e) => e.to === 'Anna@Example.com') ?? {};
  const html = String(email.html);
  const click = pathOf(/href="(https?:\/\/[^"]+\/t\/[^"]+)"/.exec(html)?.[1]);
  const pixel = pathOf(/<img src="(https?:\/\/[^"]+\/o\/[^"]+)"/.exec(html)?.[1]);
  const unsubscribe = pathOf(/^<(.+)>$/.exec(String(email.headers?.['List-Unsubscribe']))?.[1]);
  await step('click asked with HEAD', 'HEAD', click);
  const clicked = await step('click', 'GET', click);
  note('click goes to', clicked.status, clicked.headers.get('location'));
  await step('click forged', 'GET', `${click}x`);
  await step('pixel', 'GET', pixel);
  await step('pixel of a click token', 'GET', click.replace('/t/', '/o/'));
  await step('unsubscribe page', 'GET', unsubscribe);
  await step('one-click unsubscribe', 'POST', unsubscribe, 'List-Unsubscribe=One-Click', { 'Content-Type': 'application/x-www-form-urlencoded' });
  await step('unsubscribed page', 'GET', unsubscribe);
  await step('unsubscribe again', 'POST', unsubscribe, 'List-Unsubscribe=One-Click', { 'Content-Type': 'application/x-www-form-urlencoded' });
  await step('resubscribe', 'POST', unsubscribe, 'action=resubscribe', { 'Content-Type': 'application/x-www-form-urlencoded' });
  await settle(call);
  const anna = await contactWith(call, 'anna@example.com');
  await step('anna after it all', 'GET', `/api/contacts/${anna}`);
  await step('report', 'GET', '/api/flows/after-form/report');
  const exported = await call('GET', `/api/contacts/${anna}/export`);
  const file = exported.body as { emails: Record<string, unknown>[] };
  note('export', exported.status, { ...file, emails: file.emails.map(sentWhat) });
  // A confirmation link works for 7 days.
  await step('late post', 'POST', '/f/news', { email: 'dan@example.com', consent: true }, json);
  await clock('eight days later', '2026-03-10T08:01:00Z');
  const late = ((await call('GET', '/api/outbox?kind=notification')).body.emails as Record<string, unknown>[]).find((e) => e.to === 'dan@example.com');
  const expired = pathOf(/\((https?:\/\/[^)]+\/c\/[^)]+)\)/.exec(String(late?.body))?.[1]);
  await step('expired link', 'GET', expired);
  await step('dan not confirmed', 'GET', `/api/contacts/${await contactWith(call, 'dan@example.com')}`);
  // Erasing the contact takes its consents, and its links stop working.
  await step('anna erased', 'DELETE', `/api/contacts/${anna}`);
  await step('click after erasure', 'GET', click);
  await step('unsubscribe after erasure', 'GET', unsubscribe);
};

/** The public address (each store's own) and the client's address (app.request has no socket) are the same to the session. */
const samePlaces = (text: string) => text.replace(/http:\/\/(hourglass\.test|localhost)/g, '<public>').replace(/"ip":"[^"]*"/g, '"ip":"<ip>"');

let stores: BothStores;
useBothStores((made) => (stores = made));

describe('forms and the public links of email on PostgreSQL', () => {
  it('answers a session of forms, posts, confirmations, consents, clicks, opens and unsubscribes exactly as SQLite does', async () => {
    const by = await expectSameAnswers(stores, session, samePlaces);
    // And the session did what it says, not merely the same thing twice.
    expect([by.get('form made')!.status, by.get('form saved again')!.status, by.get('form with a bad id')!.status]).toEqual([201, 200, 400]);
    expect(by.get('forms')!.body.forms.map((f: { id: string }) => f.id)).toEqual(['news', 'wp']);
    expect(by.get('JSON post')!).toEqual({ status: 202, body: { status: 'accepted' } });
    expect(by.get('JSON post without consent')!.status).toBe(422);
    expect(by.get('form post goes to')!).toEqual({ status: 303, body: '/f/wp/thanks' });
    expect(by.get('double opt-in post')!.body).toEqual({ status: 'confirmation-sent' });
    expect(by.get('carla before confirming')!.body.events).toEqual([]);
    expect(by.get('confirmation email')!.body).toMatchObject({ kind: 'notification', to: 'carla@example.com', node: 'form:news' });
    expect([by.get('confirmed')!.status, by.get('confirmed again')!.status, by.get('confirmation forged')!.status]).toEqual([200, 200, 404]);
    expect(by.get('carla confirmed')!.body.events.map((e: { type: string }) => e.type)).toEqual(['form_submitted']);
    expect(by.get('carla confirmed')!.body.consents).toMatchObject([{ form: 'news', status: 'confirmed' }]);
    expect(by.get('bob')!.body.contact).toMatchObject({ email: 'bob@example.com', properties: { size: '11-50' } });
    expect(by.get('no bot')!.body.contacts).toEqual([]);
    expect(by.get('click goes to')!).toEqual({ status: 302, body: 'https://acme.test/wp.pdf' });
    expect([by.get('click forged')!.status, by.get('pixel')!.status, by.get('pixel of a click token')!.status]).toEqual([404, 200, 404]);
    const anna = by.get('anna after it all')!.body;
    expect(anna.contact).toMatchObject({ email: 'Anna@Example.com', properties: { firstName: 'Anna', size: '1-10', unsubscribed: false } });
    expect(anna.events.map((e: { type: string }) => e.type).sort()).toEqual(
      ['email_clicked', 'email_opened', 'form_submitted', 'form_submitted', 'resubscribed', 'unsubscribed'].sort(),
    );
    expect(anna.consents).toHaveLength(2);
    expect(by.get('report')!.body).toMatchObject({ enrolled: 2 });
    expect(by.get('expired link')!.status).toBe(410);
    expect(by.get('dan not confirmed')!.body.events).toEqual([]);
    expect(by.get('dan not confirmed')!.body.consents).toMatchObject([{ status: 'expired' }]);
    expect([by.get('click after erasure')!.status, by.get('unsubscribe after erasure')!.status]).toEqual([404, 404]);
  });

  it('makes one contact of posts for one new address that reach PostgreSQL together, and erases their consents with it', async () => {
    expect((await stores.pg.call('PUT', '/api/forms/together', wpForm)).status).toBeLessThan(300);
    const post = (firstName: string) => stores.pg.call('POST', '/f/together', { email: 'Eve@Example.com', firstName, consent: true }, json);
    const answers = await Promise.all(['A', 'B', 'C', 'D'].map(post));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202]);
    const found = (await stores.pg.call('GET', '/api/contacts?search=eve%40example')).body.contacts as { id: string }[];
    expect(found).toHaveLength(1);
    const eve = (await stores.pg.call('GET', `/api/contacts/${found[0]!.id}`)).body;
    expect(eve.consents).toHaveLength(4);
    expect(eve.events.filter((e: { type: string }) => e.type === 'form_submitted')).toHaveLength(4);
    // Erased with the contact: its consents keep its address (to find a contact still being made).
    expect((await stores.pg.call('DELETE', `/api/contacts/${found[0]!.id}`)).status).toBe(204);
    expect((await stores.schema.pool.query("SELECT count(*)::int AS n FROM consents WHERE email = 'eve@example.com'")).rows).toEqual([{ n: 0 }]);
  });

  it('opens the links an email sent by one worker carries on another worker', async () => {
    const a = stores.pg;
    let b: PgTestServer | undefined;
    try {
      expect((await a.call('PUT', '/api/forms/relay', whitepaperForm())).status).toBeLessThan(300);
      expect((await a.call('PUT', '/api/forms/relay-news', whitepaperForm({ doubleOptIn: true }))).status).toBeLessThan(300);
      const flow = {
        ...formFlow,
        id: 'relay-flow',
        nodes: formFlow.nodes.map((n) => (n.id === 'start' ? { ...n, config: { ...n.config, where: { form: 'relay' } } } : n)),
      };
      expect((await a.call('PUT', '/api/flows/relay-flow', flow)).status).toBe(201);
      expect((await a.call('POST', '/api/flows/relay-flow/publish', {})).status).toBe(201);
      expect((await a.call('POST', '/f/relay', { email: 'fay@example.com', consent: true }, json)).status).toBe(202);
      expect((await a.call('POST', '/f/relay-news', { email: 'gus@example.com', consent: true }, json)).status).toBe(202);
      await settle(a.call);
      await a.call('POST', '/api/admin/clock', { now: '2026-03-10T08:02:00Z' });
      // Started now, its manual clock starts where the first worker's is (kept in the database): two
      // manual clocks apart would stamp the same contact's inputs out of order.
      b = await startPgTestServer(stores.schema, { HOURGLASS_CLOCK: 'manual', HOURGLASS_PUBLIC_URL: 'http://localhost' });
      const emails = (await a.call('GET', '/api/outbox?limit=100')).body.emails as Record<string, any>[];
      const sent = emails.find((e) => e.to === 'fay@example.com' && e.node === 'hello')!;
      const click = pathOf(/href="(https?:\/\/[^"]+\/t\/[^"]+)"/.exec(String(sent.html))?.[1]);
      const unsubscribe = pathOf(/^<(.+)>$/.exec(String(sent.headers?.['List-Unsubscribe']))?.[1]);
      const notice = emails.find((e) => e.to === 'gus@example.com')!;
      const confirm = pathOf(/\((https?:\/\/[^)]+\/c\/[^)]+)\)/.exec(String(notice.body))?.[1]);

      const clicked = await b.call('GET', click);
      expect([clicked.status, clicked.headers.get('location')]).toEqual([302, 'https://acme.test/wp.pdf']);
      // Status and heading together, so a failure says which page came back.
      const unsubscribed = await b.call('POST', unsubscribe, 'List-Unsubscribe=One-Click', { 'Content-Type': 'application/x-www-form-urlencoded' });
      expect([unsubscribed.status, /<h1>([^<]*)<\/h1>/.exec(unsubscribed.text)?.[1] ?? unsubscribed.text]).toEqual([200, 'You are unsubscribed']);
      expect((await b.call('GET', confirm)).text).toContain('You are confirmed');
      await settle(b.call);
      const fay = (await a.call('GET', `/api/contacts/${await contactWith(a.call, 'fay@example.com')}`)).body;
      expect(fay.contact.properties.unsubscribed).toBe(true);
      expect(fay.events.map((e: { type: string }) => e.type).sort()).toEqual(['email_clicked', 'form_submitted', 'unsubscribed']);
      const gus = (await a.call('GET', `/api/contacts/${await contactWith(a.call, 'gus@example.com')}`)).body;
      expect(gus.consents).toMatchObject([{ form: 'relay-news', status: 'confirmed' }]);
    } finally {
      await b?.close();
    }
  });
});
