// Live flow changes on PostgreSQL answer as on SQLite: one session — a version with contacts
// waiting, a second version, the migration's preview, the migration and its list, moving one
// contact onto another step and another out of the flow, pausing (timers held while the clock
// moves) and resuming with the past emails skipped, and the contacts' history — run on both
// stores with the manual clock, every answer compared (ids made by the server replaced).
import { describe, expect, it } from 'vitest';
import { welcomeFlow } from '../apps/server/src/testApp.ts';
import { expectSameAnswers, useBothStores, type BothStores, type ParitySession } from './storeParity.ts';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const at = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();
/** Version 2 of the welcome flow: a shorter wait, a new follow-up. */
const sooner = welcomeFlow('welcome', {
  nodes: welcomeFlow().nodes.map((n) =>
    n.id === 'wait' ? { ...n, config: { for: 'PT12H' } } : n.id === 'again' ? { ...n, config: { subject: 'Case study', body: 'Read it' } } : n,
  ),
});
const contacts = ['a', 'b', 'c', 'd'];

/** What was sent to whom (the emails as composed differ until PostgreSQL composes them, docs/scale-out.md). */
const sentWhat = ({ node, to, subject, status, suppressed, contactId }: Record<string, unknown>) => ({ node, to, subject, status, suppressed, contactId });

const session: ParitySession = async (call, _token, step, note) => {
  await step('clock', 'POST', '/api/admin/clock', { now: at(0) });
  await step('draft', 'PUT', '/api/flows/welcome', welcomeFlow());
  await step('publish 1', 'POST', '/api/flows/welcome/publish', {});
  for (const c of contacts) await step(`contact ${c}`, 'PUT', `/api/contacts/${c}`, { email: `${c}@x.io`, properties: { firstName: c.toUpperCase() } });
  // One request each, so the enrolments are made (and their time-ordered ids given) in this order on both stores.
  for (const c of contacts) await step(`signup ${c}`, 'POST', '/api/events', { id: `s-${c}`, contactId: c, type: 'signup' });
  await step('draft 2', 'PUT', '/api/flows/welcome', sooner);
  await step('publish 2', 'POST', '/api/flows/welcome/publish', {});
  await step('two hours later', 'POST', '/api/admin/clock', { now: at(2) });
  // The migration: what it would do, then done, then listed.
  await step('preview', 'POST', '/api/flows/welcome/migrations/preview', { from: 1, to: 2 });
  await step('preview of no version', 'POST', '/api/flows/welcome/migrations/preview', { from: 1, to: 9 });
  await step('preview of no flow', 'POST', '/api/flows/nothing/migrations/preview', { from: 1, to: 2 });
  await step('refused', 'POST', '/api/flows/welcome/migrations', { from: 1, to: 1 });
  await step('migrate', 'POST', '/api/flows/welcome/migrations', { from: 1, to: 2 });
  await step('nobody left', 'POST', '/api/flows/welcome/migrations', { from: 1, to: 2, unmapped: 'exit' });
  await step('migrations', 'GET', '/api/flows/welcome/migrations');
  const listed = await step('enrolments', 'GET', '/api/flows/welcome/enrolments');
  const idOf = (contact: string) =>
    (listed.body as { enrolments: { id: string; contactId: string }[] }).enrolments.find((e) => e.contactId === contact)?.id ?? 'none';
  // One contact back onto version 1's wait (which keeps when it began), one out of the flow.
  await step('move a back', 'POST', `/api/flows/welcome/enrolments/${idOf('a')}/move`, { version: 1, node: 'wait' });
  await step('move b out', 'POST', `/api/flows/welcome/enrolments/${idOf('b')}/move`, { node: null });
  await step('move b again', 'POST', `/api/flows/welcome/enrolments/${idOf('b')}/move`, { node: 'wait' });
  await step('move onto no step', 'POST', `/api/flows/welcome/enrolments/${idOf('c')}/move`, { node: 'nowhere' });
  await step('moved', 'GET', '/api/flows/welcome/enrolments');
  // Paused: version 2's waits end at hour 12, but nothing fires until resumed.
  await step('not paused', 'GET', '/api/flows/welcome/pause');
  await step('pause', 'POST', '/api/flows/welcome/pause');
  await step('pause again', 'POST', '/api/flows/welcome/pause');
  await step('paused', 'GET', '/api/flows/welcome/pause');
  await step('hour 20, paused', 'POST', '/api/admin/clock', { now: at(20) });
  await step('waiting while paused', 'GET', '/api/flows/welcome/enrolments');
  await step('resume', 'POST', '/api/flows/welcome/resume', { skipPastEmails: true });
  await step('resume again', 'POST', '/api/flows/welcome/resume', {});
  await step('hour 30', 'POST', '/api/admin/clock', { now: at(30) });
  await step('after', 'GET', '/api/flows/welcome/enrolments');
  for (const c of ['a', 'b', 'c']) await step(`history of ${c}`, 'GET', `/api/contacts/${c}/trace?flow=welcome`);
  await step('report of version 2', 'GET', '/api/flows/welcome/report?version=2');
  const outbox = await call('GET', '/api/outbox?limit=50');
  // Sorted: two contacts' timers due at one instant may fire in either order on PostgreSQL (each worker batch takes its contacts in turn).
  const sent = (outbox.body as { emails: Record<string, unknown>[] }).emails.map(sentWhat);
  note(
    'outbox',
    outbox.status,
    sent.sort((x, y) => `${x.contactId}${x.node}`.localeCompare(`${y.contactId}${y.node}`)),
  );
};

let stores: BothStores;
useBothStores((made) => (stores = made));

describe('live flow changes on PostgreSQL', () => {
  it('answer migrations, moves, pausing and resuming exactly as SQLite does', async () => {
    const by = await expectSameAnswers(stores, session);
    // And the session did what it says, not merely the same thing twice.
    expect(by.get('preview')!.body).toMatchObject({ contacts: 4, moves: [{ from: 'wait', to: 'wait', contacts: 4 }] });
    expect(by.get('preview')!.body.sample).toHaveLength(4);
    expect(by.get('preview')!.body.sample[0].summary).toMatch(/would now get “Case study”/);
    expect(by.get('refused')!.status).toBe(422);
    expect(by.get('migrate')!).toEqual({ status: 201, body: expect.objectContaining({ status: 'done', moved: 4, goal: 0, stayed: 0, exited: 0 }) });
    expect(by.get('migrations')!.body.migrations).toHaveLength(2);
    expect(by.get('move b again')!.status).toBe(409);
    expect(by.get('move onto no step')!.status).toBe(422);
    expect(by.get('moved')!.body.enrolments.map((e: { contactId: string; version: number; status: string }) => [e.contactId, e.version, e.status])).toEqual([
      ['d', 2, 'active'],
      ['c', 2, 'active'],
      ['b', 2, 'completed'],
      ['a', 1, 'active'],
    ]);
    expect(by.get('paused')!.body).toEqual({ paused: true, pausedAt: at(2) });
    expect(by.get('waiting while paused')!.body.enrolments.filter((e: { status: string }) => e.status === 'active')).toHaveLength(3);
    expect(by.get('resume')!.body).toEqual({ paused: false, pausedAt: null, fired: 2, skippedEmails: 2 });
    expect(by.get('resume again')!.body).toEqual({ paused: false, pausedAt: null, fired: 0, skippedEmails: 0 });
    expect(by.get('after')!.body.enrolments.every((e: { status: string }) => e.status === 'completed')).toBe(true);
    expect(by.get('outbox')!.body).toContainEqual(expect.objectContaining({ contactId: 'c', subject: 'Case study', suppressed: 'moment-passed' }));
    expect(by.get('outbox')!.body).toContainEqual(
      expect.objectContaining({ contactId: 'a', subject: 'Day two', status: expect.not.stringMatching(/suppressed/) }),
    );
  });
});
