// The editor's, the contacts' and sales' API on PostgreSQL answers as on SQLite: one session of
// requests — draft, check, publish, versions, scenarios, notes, scoring, email settings, contacts,
// manual enrolment, handoffs and verdicts, the outbox, flow reports and scoring feedback, sign-in with a session cookie — run on both stores with the manual clock at the
// same instant, every answer compared (ids made by the server replaced by their kind).
// Without PostgreSQL this file fails, saying so.
import { describe, expect, it } from 'vitest';
import { apiRoutes } from '@hourglass/api';
import { salesFlow, welcomeFlow } from '../apps/server/src/testApp.ts';
import { readFixture } from './fixtures.ts';
import { expectSameAnswers, useBothStores, type BothStores, type ParitySession } from './storeParity.ts';

/** A flow with a manual trigger, so contacts can be enrolled by hand. */
const manualFlow = {
  ...welcomeFlow('by-hand'),
  nodes: [{ id: 'start', type: 'trigger', config: { on: 'manual' } }, ...welcomeFlow().nodes.slice(1)],
};

/** What was sent to whom: the emails as composed differ until PostgreSQL composes them (docs/scale-out.md). */
const sentWhat = ({ kind, node, to, subject, status, contactId, flowId }: Record<string, unknown>) => ({ kind, node, to, subject, status, contactId, flowId });

/** The session of requests, each answer recorded by a label. */
const session: ParitySession = async (call, token, step, note) => {
  await step('clock', 'POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
  await step('no flows', 'GET', '/api/flows');
  await step('import', 'POST', '/api/flows', readFixture('whitepaper-nurture', 'flow.json'));
  await step('import again', 'POST', '/api/flows', readFixture('whitepaper-nurture', 'flow.json'));
  await step('new flow', 'PUT', '/api/flows/welcome', welcomeFlow());
  await step('draft with an error', 'PUT', '/api/flows/welcome', { ...welcomeFlow(), edges: [] });
  await step('draft fixed', 'PUT', '/api/flows/welcome', welcomeFlow());
  await step('not a flow', 'PUT', '/api/flows/welcome', { format: 'nope' });
  await step('open', 'GET', '/api/flows/welcome');
  await step('check before publishing', 'GET', '/api/flows/welcome/publish-check');
  await step('publish', 'POST', '/api/flows/welcome/publish', { note: 'first' });
  await step('publish unchanged', 'POST', '/api/flows/welcome/publish', {});
  await step('publish with errors', 'POST', '/api/flows/whitepaper-nurture/publish', {});
  await step('versions', 'GET', '/api/flows/welcome/versions');
  await step('version 1', 'GET', '/api/flows/welcome/versions/1');
  await step('no version 2', 'GET', '/api/flows/welcome/versions/2');
  await step('export', 'GET', '/api/flows/welcome/export');
  await step('scenario', 'PUT', '/api/flows/welcome/scenarios/anna', { scenario: { format: 'hourglass.scenario/1' }, expected: { a: 1 } });
  await step('scenarios', 'GET', '/api/flows/welcome/scenarios');
  await step('scenario deleted', 'DELETE', '/api/flows/welcome/scenarios/anna');
  await step('no such scenario', 'DELETE', '/api/flows/welcome/scenarios/anna');
  await step('notes', 'PUT', '/api/flows/welcome/notes', { notes: [{ id: 'n1', x: 1, y: 2, text: 'Ask sales' }] });
  await step('notes read', 'GET', '/api/flows/welcome/notes');
  await step('scoring', 'PUT', '/api/scoring', readFixture('whitepaper-nurture', 'scoring.json'));
  await step('scoring read', 'GET', '/api/scoring');
  await step('email settings', 'PUT', '/api/settings/email', { senderName: 'Acme', postalAddress: '1 Road, Town' });
  await step('email settings read', 'GET', '/api/settings/email');
  await step('contact', 'PUT', '/api/contacts/c-1', { email: 'anna@example.com', properties: { firstName: 'Anna', company: 'Acme' } });
  await step('contact again', 'PUT', '/api/contacts/c-1', { stage: 'lead' });
  await step('event', 'POST', '/api/events', { id: 'e-1', contactId: 'c-1', type: 'signup' });
  await step('contact read', 'GET', '/api/contacts/c-1');
  await step('contacts found', 'GET', '/api/contacts?search=acme');
  await step('no contact', 'GET', '/api/contacts/nobody');
  await step('contact 2', 'PUT', '/api/contacts/c-2', { properties: { company: 'Acme', employees: 12, plan: 'pro' } });
  await step('contact 3', 'PUT', '/api/contacts/c-3', { stage: 'lead', properties: { company: 'Globex', employees: 7.5, plan: 'Pro' } });
  await step('contact mix', 'GET', '/api/contact-mix');
  await step('properties', 'GET', '/api/properties');
  await step('draft by hand', 'PUT', '/api/flows/by-hand', manualFlow);
  await step('publish by hand', 'POST', '/api/flows/by-hand/publish', {});
  const enrolled = await step('enrol', 'POST', '/api/flows/by-hand/enrolments', { contactId: 'c-1' });
  await step('enrol again', 'POST', '/api/flows/by-hand/enrolments', { contactId: 'c-1' });
  await step('enrol nobody', 'POST', '/api/flows/by-hand/enrolments', { contactId: 'nobody' });
  await step('enrolments', 'GET', '/api/flows/by-hand/enrolments');
  await step('hours later', 'POST', '/api/admin/clock', { now: '2026-03-02T12:00:00Z' });
  await step('trace', 'GET', '/api/contacts/c-1/trace?flow=by-hand');
  const exported = await call('GET', '/api/contacts/c-1/export');
  const file = exported.body as { emails: Record<string, unknown>[] };
  note('export', exported.status, { ...file, emails: file.emails.map(sentWhat) });
  await step('list', 'GET', '/api/flows');
  await step('delete with contacts in it', 'DELETE', '/api/flows/welcome');
  await step('delete a draft', 'DELETE', '/api/flows/whitepaper-nurture');
  await step('deleted', 'GET', '/api/flows/whitepaper-nurture');
  await step('failed events', 'GET', '/api/events/failed');
  // Sales: a handoff, its verdict, and what the flow did with it.
  await step('draft to sales', 'PUT', '/api/flows/to-sales', salesFlow);
  await step('publish to sales', 'POST', '/api/flows/to-sales/publish', {});
  await step('demo requested', 'POST', '/api/events', { id: 'e-2', contactId: 'c-1', type: 'demo_requested' });
  const inbox = await step('sales inbox', 'GET', '/api/handoffs?status=open');
  const handoff = (inbox.body as { handoffs: { id: string }[] }).handoffs[0]?.id ?? 'none';
  await step('verdict', 'POST', `/api/handoffs/${handoff}/feedback`, { verdict: 'accepted', note: 'Good fit' });
  await step('verdict again', 'POST', `/api/handoffs/${handoff}/feedback`, { verdict: 'rejected' });
  await step('verdict on nothing', 'POST', '/api/handoffs/nothing/feedback', { verdict: 'rejected' });
  await step('accepted', 'GET', '/api/handoffs?status=accepted');
  await step('opportunity', 'GET', '/api/contacts?search=c-1');
  // Reports: the counters the workers keep, shaped by the same code on both stores.
  await step('report to sales', 'GET', '/api/flows/to-sales/report');
  await step('report of version 1', 'GET', '/api/flows/welcome/report?version=1');
  await step('report of a day', 'GET', '/api/flows/by-hand/report?from=2026-03-02&to=2026-03-03');
  await step('report before it', 'GET', '/api/flows/by-hand/report?to=2026-03-02');
  await step('report of a draft', 'GET', '/api/flows/whitepaper-nurture/report');
  await step('report of no version', 'GET', '/api/flows/welcome/report?version=2');
  await step('report of no flow', 'GET', '/api/flows/nothing/report');
  await step('report of a bad day', 'GET', '/api/flows/welcome/report?from=soon');
  await step('scoring feedback', 'GET', '/api/scoring/feedback');
  await step('moments later', 'POST', '/api/admin/clock', { now: '2026-03-02T12:01:00Z' });
  const outbox = await call('GET', '/api/outbox?limit=10');
  note('outbox', outbox.status, (outbox.body as { emails: Record<string, unknown>[] }).emails.map(sentWhat));
  await step('simulate with the workspace scoring', 'POST', '/api/simulate', {
    flow: welcomeFlow(),
    scenario: { format: 'hourglass.scenario/1', start: '2026-03-02T08:00:00Z', horizon: 'P3D', contact: { id: 'x' }, events: [{ at: 'PT0S', type: 'signup' }] },
  });
  // Removing: an enrolment, a flow with contacts in it, a contact and everything about it.
  const enrolment = (enrolled.body as { enrolment?: { id: string } }).enrolment?.id ?? 'none';
  await step('enrolment removed', 'DELETE', `/api/flows/by-hand/enrolments/${enrolment}`);
  await step('enrolment removed again', 'DELETE', `/api/flows/by-hand/enrolments/${enrolment}`);
  await step('by hand without it', 'GET', '/api/flows/by-hand/enrolments');
  await step('report after removing', 'GET', '/api/flows/by-hand/report');
  await step('flow removed with its contacts', 'DELETE', '/api/flows/welcome?removeEnrolments=true');
  await step('flows left', 'GET', '/api/flows');
  await step('contact erased', 'DELETE', '/api/contacts/c-1');
  await step('contact gone', 'GET', '/api/contacts/c-1');
  await step('contact erased again', 'DELETE', '/api/contacts/c-1');
  await step('its handoffs gone', 'GET', '/api/handoffs');
  // Signing in through the link: a session cookie, then the API with it and no token.
  const noToken = { Authorization: '' };
  const link = await step('sign-in link', 'GET', `/?token=${encodeURIComponent(token)}`, undefined, noToken);
  const cookie = (link.headers.get('set-cookie') ?? '').split(';')[0]!;
  await step('signed in', 'GET', '/api/session', undefined, { ...noToken, Cookie: cookie });
  await step('flows with the cookie', 'GET', '/api/flows/welcome/versions', undefined, { ...noToken, Cookie: cookie });
  await step('sign out', 'POST', '/api/session/logout', undefined, { ...noToken, Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' });
  await step('signed out', 'GET', '/api/session', undefined, { ...noToken, Cookie: cookie });
  await step('not signed in', 'GET', '/api/flows', undefined, noToken);
  await step('wrong link', 'GET', '/?token=wrong', undefined, noToken);
};

let stores: BothStores;
useBothStores((made) => (stores = made));

describe('the API on PostgreSQL', () => {
  it('answers a session of the editor, contacts, sales, reports and sign-in exactly as SQLite does', async () => {
    const by = await expectSameAnswers(stores, session);
    // And the session did what it says, not merely the same thing twice.
    expect(by.get('publish')).toEqual({ status: 201, body: { version: 1, publishedAt: '2026-03-02T08:00:00.000Z', note: 'first' } });
    expect(by.get('publish unchanged')!.status).toBe(409);
    expect(by.get('enrol')!.status).toBe(201);
    expect(by.get('trace')!.body.status).toBe('active');
    expect(by.get('signed in')!.body).toMatchObject({ signedIn: true, via: 'session' });
    expect(by.get('signed out')!.body).toEqual({ signedIn: false });
    expect(by.get('not signed in')!.status).toBe(401);
    expect(by.get('verdict')!.body).toMatchObject({ status: 'accepted', note: 'Good fit' });
    expect(by.get('verdict again')!.status).toBe(409);
    expect(by.get('contact mix')!.body.properties.employees).toEqual({ kind: 'number', contacts: 2, min: 7.5, max: 12, integer: false });
    expect(by.get('export')!.body).toMatchObject({ contact: { id: 'c-1' }, enrolments: [{ flowId: 'welcome' }, { flowId: 'by-hand' }] });
    expect([by.get('enrolment removed')!.status, by.get('enrolment removed again')!.status]).toEqual([204, 404]);
    expect(by.get('flow removed with its contacts')!.status).toBe(204);
    expect([by.get('contact erased')!.status, by.get('contact gone')!.status]).toEqual([204, 404]);
    expect(by.get('opportunity')!.body.contacts[0].stage).toBe('opportunity');
    expect(by.get('report to sales')!.body).toMatchObject({ enrolled: 1, handoffs: { hand: { total: { handedOff: 1, accepted: 1 } } } });
    expect(by.get('report of a day')!.body).toMatchObject({ enrolled: 1, active: 1, perDay: [{ day: '2026-03-02', enrolled: 1 }] });
    expect(by.get('report before it')!.body.enrolled).toBe(0);
    expect(by.get('report after removing')!.body).toMatchObject({ enrolled: 1, active: 0, removed: 1 });
    expect([by.get('report of no version')!.status, by.get('report of no flow')!.status, by.get('report of a bad day')!.status]).toEqual([404, 404, 400]);
    expect(by.get('scoring feedback')!.body.total).toEqual({ handedOff: 1, accepted: 1, rejected: 0, open: 0 });
    expect(by.get('outbox')!.body).toContainEqual(expect.objectContaining({ kind: 'notification', to: 'sam@example.com' }));
  });

  it('serves every route of the API table on PostgreSQL, answering as SQLite does when called with ids that name nothing', async () => {
    const routed = async (call: typeof stores.pg.call, method: string, path: string) => {
      const r = await call(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
      return [r.status, /^There is no API route/.test(String(r.body?.error)) ? 'unrouted' : 'routed'];
    };
    for (const [name, route] of Object.entries(apiRoutes)) {
      if (route.method !== 'GET' && 'public' in route) continue; // a public post (a form's) is compared in pg-public-parity
      const path = route.path.replace(/\{[^}]+\}/g, 'nothing-here');
      const onPg = await routed(stores.pg.call, route.method, path);
      expect(onPg[1], name).toBe('routed');
      expect(onPg, name).toEqual(await routed(stores.sqlite.call, route.method, path));
    }
    expect((await stores.pg.call('GET', '/api/no-such-route')).body).toEqual({ error: 'There is no API route GET /api/no-such-route.' });
  });
});
