import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../sqliteStore.ts';
import { createTestApp, publishFlow, welcomeFlow, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const T0 = '2026-03-02T08:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();
const clock = (hours: number) => t.call('POST', '/api/admin/clock', { now: at(hours) });
const mails = async (contact: string) =>
  (await t.call('GET', `/api/outbox?contact=${contact}`)).body.emails
    .map((m: { subject: string; status: string; suppressed?: string }) => [m.subject, m.status, m.suppressed ?? null])
    .reverse();

/** The welcome flow with contact a waiting its day from T0, then paused at T0 + 1 h. */
async function paused() {
  t = createTestApp({ manualClock: true });
  await clock(0);
  await publishFlow(t, welcomeFlow());
  await t.call('PUT', '/api/contacts/a', { email: 'a@x.io' });
  await t.call('POST', '/api/events', { id: 's-a', contactId: 'a', type: 'signup' });
  await clock(1);
  const r = await t.call('POST', '/api/flows/welcome/pause');
  expect(r.body).toEqual({ paused: true, pausedAt: at(1) });
}

describe('pausing a flow', () => {
  it('enrols nobody and fires no timers while paused, and says since when, across a restart too', async () => {
    await paused();
    await t.call('POST', '/api/events', { id: 's-b', contactId: 'b', type: 'signup' });
    expect((await clock(48)).body.fired).toBe(0);
    const { enrolments } = (await t.call('GET', '/api/flows/welcome/enrolments')).body;
    expect(enrolments.map((e: { contactId: string; position: string }) => [e.contactId, e.position])).toEqual([['a', 'wait']]);
    expect(await mails('a')).toEqual([['Hello there', 'sent', null]]);
    expect((await t.call('GET', '/api/flows/welcome/pause')).body).toEqual({ paused: true, pausedAt: at(1) });
    expect([...new SqliteStore(t.db).heldFlows()]).toEqual([['welcome', Date.parse(at(1))]]);
    expect((await t.call('GET', '/api/health')).body.overdueTimers).toBe(0);
  });

  it('fires the timers due meanwhile on resume, in order and each at its own instant', async () => {
    await paused();
    await clock(48);
    const r = await t.call('POST', '/api/flows/welcome/resume', {});
    expect(r.body).toEqual({ paused: false, pausedAt: null, fired: 1, skippedEmails: 0 });
    expect(await mails('a')).toEqual([
      ['Hello there', 'sent', null],
      ['Day two', 'sent', null],
    ]);
    const steps = (await t.call('GET', '/api/contacts/a/trace?flow=welcome')).body.enrolments[0].steps;
    expect(steps.at(-2)).toEqual({ at: at(24), node: 'again', type: 'sendEmail' });
    expect((await t.call('GET', '/api/flows/welcome/pause')).body).toEqual({ paused: false, pausedAt: null });
  });

  it('records the emails whose moment passed as not sent when asked, and the contact goes on', async () => {
    await paused();
    await clock(48);
    const r = await t.call('POST', '/api/flows/welcome/resume', { skipPastEmails: true });
    expect(r.body).toMatchObject({ fired: 1, skippedEmails: 1 });
    expect(await mails('a')).toEqual([
      ['Hello there', 'sent', null],
      ['Day two', 'suppressed', 'moment-passed'],
    ]);
    expect((await t.call('GET', '/api/flows/welcome/enrolments')).body.enrolments[0]).toMatchObject({ status: 'completed' });
  });

  it('refuses to enrol by hand while paused, and answers 404 for an unknown flow', async () => {
    await paused();
    const manual = welcomeFlow('by-hand', { nodes: [{ id: 'start', type: 'trigger', config: { on: 'manual' } }, ...welcomeFlow().nodes.slice(1)] });
    await publishFlow(t, manual);
    await t.call('POST', '/api/flows/by-hand/pause');
    await t.call('PUT', '/api/contacts/c', {});
    const r = await t.call('POST', '/api/flows/by-hand/enrolments', { contactId: 'c' });
    expect([r.status, r.body.reason]).toEqual([409, 'paused']);
    expect((await t.call('POST', '/api/flows/nope/pause')).status).toBe(404);
  });

  it('moves contacts while paused and lets a deadline already past wait for the resume', async () => {
    await paused();
    await publishFlow(t, welcomeFlow('welcome', { nodes: welcomeFlow().nodes.map((n) => (n.id === 'wait' ? { ...n, config: { for: 'PT2H' } } : n)) }));
    await clock(5);
    expect((await t.call('POST', '/api/flows/welcome/migrations', { from: 1, to: 2 })).body).toMatchObject({ moved: 1 });
    expect(await mails('a')).toHaveLength(1);
    await t.call('POST', '/api/flows/welcome/resume', {});
    const steps = (await t.call('GET', '/api/contacts/a/trace?flow=welcome')).body.enrolments[0].steps;
    // The deadline (T0 + 2 h) had passed when the contact moved (T0 + 5 h): it is due at the move, after it.
    expect(steps.slice(3).map((s: { at: string; node: string }) => [s.at, s.node])).toEqual([
      [at(5), 'wait'],
      [at(5), 'again'],
      [at(5), 'done'],
    ]);
  });

  it('moves nobody on an input while paused: a waitFor sees the event at the next input after the resume', async () => {
    const clicked = welcomeFlow('welcome', {
      nodes: [
        { id: 'start', type: 'trigger', config: { on: 'event', event: 'signup' } },
        { id: 'wait', type: 'waitFor', config: { until: { event: { type: 'click' } }, timeout: 'P3D' } },
        { id: 'again', type: 'sendEmail', config: { subject: 'Thanks for clicking', body: 'x' } },
      ],
      edges: [
        { from: 'start', to: 'wait' },
        { from: 'wait', port: 'met', to: 'again' },
      ],
    });
    t = createTestApp({ manualClock: true });
    await clock(0);
    await publishFlow(t, clicked);
    await t.call('PUT', '/api/contacts/a', { email: 'a@x.io' });
    await t.call('POST', '/api/events', { id: 's-a', contactId: 'a', type: 'signup' });
    await t.call('POST', '/api/flows/welcome/pause');
    await t.call('POST', '/api/events', { id: 'c-a', contactId: 'a', type: 'click' });
    const position = async () => (await t.call('GET', '/api/flows/welcome/enrolments')).body.enrolments[0].position;
    expect(await position()).toBe('wait');
    await t.call('POST', '/api/flows/welcome/resume', {});
    expect(await position()).toBe('wait');
    await t.call('POST', '/api/events', { id: 'v-a', contactId: 'a', type: 'visit' });
    expect((await t.call('GET', '/api/flows/welcome/enrolments')).body.enrolments[0]).toMatchObject({ status: 'completed' });
    expect(await mails('a')).toEqual([['Thanks for clicking', 'sent', null]]);
  });
});
