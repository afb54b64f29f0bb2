import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, publishFlow, welcomeFlow, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const T0 = '2026-03-02T08:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();
/** Version 2 of the welcome flow: a shorter wait, a new follow-up. */
const sooner = () =>
  welcomeFlow('welcome', {
    nodes: welcomeFlow().nodes.map((n) =>
      n.id === 'wait' ? { ...n, config: { for: 'PT12H' } } : n.id === 'again' ? { ...n, config: { subject: 'Case study', body: 'Read it' } } : n,
    ),
  });

/** The welcome flow with contacts a, b and c waiting a day at T0, and version 2 published. */
async function waiting(contacts = ['a', 'b', 'c'], v2: { id: string } = sooner()) {
  t = createTestApp({ manualClock: true });
  await t.call('POST', '/api/admin/clock', { now: T0 });
  await publishFlow(t, welcomeFlow());
  for (const c of contacts) await t.call('PUT', `/api/contacts/${c}`, { email: `${c}@x.io`, properties: { firstName: c.toUpperCase() } });
  await t.call('POST', '/api/events', { events: contacts.map((c) => ({ id: `s-${c}`, contactId: c, type: 'signup' })) });
  await publishFlow(t, v2);
}
const enrolments = async () =>
  (await t.call('GET', '/api/flows/welcome/enrolments')).body.enrolments as {
    id: string;
    contactId: string;
    version: number;
    status: string;
    position: string;
  }[];

describe('migrations', () => {
  it('previews a migration: contacts per node and where they go, and a few contacts simulated forward both ways', async () => {
    await waiting();
    await t.call('POST', '/api/admin/clock', { now: at(2) });
    const r = await t.call('POST', '/api/flows/welcome/migrations/preview', { from: 1, to: 2 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ from: 1, to: 2, contacts: 3, moves: [{ from: 'wait', to: 'wait', contacts: 3 }], problems: [], at: at(2) });
    expect(r.body.sample).toHaveLength(3);
    const [first] = r.body.sample;
    expect(first).toMatchObject({ contactId: 'a', name: 'A', from: 'wait', to: 'wait' });
    expect(first.before.emails).toEqual([{ at: at(24), node: 'again', subject: 'Day two' }]);
    expect(first.after.emails).toEqual([{ at: at(12), node: 'again', subject: 'Case study' }]);
    expect(first.summary).toBe('A would now get “Case study” on Mon 2 Mar, 20:00 instead of “Day two” on Tue 3 Mar, 08:00.');
    // Nothing real happened.
    expect((await enrolments()).map((e) => e.version)).toEqual([1, 1, 1]);
    expect((await t.call('GET', '/api/outbox?contact=a')).body.emails).toHaveLength(1);
  });

  it('moves every contact to the new version, keeps when each entered its wait, and lists the migration', async () => {
    await waiting();
    await t.call('POST', '/api/admin/clock', { now: at(2) });
    const r = await t.call('POST', '/api/flows/welcome/migrations', { from: 1, to: 2 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'done', moved: 3, goal: 0, stayed: 0, exited: 0 });
    expect((await enrolments()).map((e) => [e.contactId, e.version, e.position])).toEqual([
      ['c', 2, 'wait'],
      ['b', 2, 'wait'],
      ['a', 2, 'wait'],
    ]);
    const trace = (await t.call('GET', '/api/contacts/a/trace?flow=welcome')).body;
    expect(trace.enrolments[0].steps.at(-1)).toEqual({ at: at(2), node: 'wait', type: 'wait', migratedFrom: { version: 1, node: 'wait' } });
    // The wait that began at T0 now ends 12 hours after it.
    expect((await t.call('POST', '/api/admin/clock', { now: at(12) })).body.fired).toBe(3);
    expect((await t.call('GET', '/api/outbox?contact=a')).body.emails.map((m: { subject: string }) => m.subject).sort()).toEqual(['Case study', 'Hello A']);
    const list = (await t.call('GET', '/api/flows/welcome/migrations')).body.migrations;
    expect(list).toEqual([
      expect.objectContaining({ id: r.body.migration, from: 1, to: 2, status: 'done', moved: 3, unmapped: 'stay', startedAt: at(2), finishedAt: at(2) }),
    ]);
    expect(list[0].map).toMatchObject({ wait: 'wait', hello: 'hello' });
    // The report counts each enrolment in the version it is in now.
    const v1 = (await t.call('GET', '/api/flows/welcome/report?version=1')).body;
    const v2 = (await t.call('GET', '/api/flows/welcome/report?version=2')).body;
    expect([v1.enrolled, v2.enrolled]).toEqual([0, 3]);
  });

  it('leaves contacts on a node the new version lacks, or ends them when asked, and says so first', async () => {
    const renamed = welcomeFlow('welcome', {
      nodes: welcomeFlow().nodes.map((n) => (n.id === 'wait' ? { ...n, id: 'pause' } : n)),
      edges: welcomeFlow().edges.map((e) => ({ ...e, from: e.from === 'wait' ? 'pause' : e.from, to: e.to === 'wait' ? 'pause' : e.to })),
    });
    await waiting(['a', 'b'], renamed);
    const preview = (await t.call('POST', '/api/flows/welcome/migrations/preview', { from: 1, to: 2, unmapped: 'exit' })).body;
    expect(preview.moves).toEqual([{ from: 'wait', to: null, contacts: 2 }]);
    expect(preview.problems).toEqual([
      {
        severity: 'warning',
        code: 'unmapped',
        node: 'wait',
        message: '2 contacts wait on “wait”, which has no step to go to in version 2: they leave the flow.',
      },
    ]);
    expect(preview.sample.map((s: { summary: string }) => s.summary)).toEqual([
      'A would leave the flow now instead of getting “Day two” on Tue 3 Mar, 08:00.',
      'B would leave the flow now instead of getting “Day two” on Tue 3 Mar, 08:00.',
    ]);
    const stay = (await t.call('POST', '/api/flows/welcome/migrations', { from: 1, to: 2 })).body;
    expect(stay).toMatchObject({ moved: 0, stayed: 2, exited: 0 });
    const mapped = (await t.call('POST', '/api/flows/welcome/migrations', { from: 1, to: 2, map: { wait: 'pause' } })).body;
    expect(mapped).toMatchObject({ moved: 2, stayed: 0 });
    expect((await enrolments()).map((e) => [e.version, e.position])).toEqual([
      [2, 'pause'],
      [2, 'pause'],
    ]);
  });

  it('refuses a migration to the same version, to a version or step that does not exist, with its problems', async () => {
    await waiting(['a']);
    const same = await t.call('POST', '/api/flows/welcome/migrations', { from: 1, to: 1 });
    expect(same.status).toBe(422);
    expect(same.body.migrationProblems.map((p: { code: string }) => p.code)).toEqual(['same-version']);
    const missing = await t.call('POST', '/api/flows/welcome/migrations', { from: 1, to: 9 });
    expect(missing.body.error).toBe('This flow has no published version 9.');
    const step = await t.call('POST', '/api/flows/welcome/migrations', { from: 1, to: 2, map: { wait: 'nowhere', ghost: 'wait' } });
    expect(step.status).toBe(422);
    expect(step.body.migrationProblems.map((p: { code: string; node: string }) => [p.code, p.node])).toEqual([
      ['unknown-target', 'wait'],
      ['unknown-node', 'ghost'],
    ]);
    expect((await t.call('POST', '/api/flows/welcome/migrations', { from: 1, to: 2, map: { wait: 'a b' } })).status).toBe(400);
    expect((await t.call('POST', '/api/flows/nope/migrations', { from: 1, to: 2 })).status).toBe(404);
    expect((await enrolments()).map((e) => e.version)).toEqual([1]);
  });

  it('moves in line: an input accepted before the migration is processed before it', async () => {
    const clicked = (subject: string) =>
      welcomeFlow('welcome', {
        nodes: [
          { id: 'start', type: 'trigger', config: { on: 'event', event: 'signup' } },
          { id: 'wait', type: 'waitFor', config: { until: { event: { type: 'click' } }, timeout: 'P3D' } },
          { id: 'again', type: 'sendEmail', config: { subject, body: 'x' } },
        ],
        edges: [
          { from: 'start', to: 'wait' },
          { from: 'wait', port: 'met', to: 'again' },
        ],
      });
    t = createTestApp({ manualClock: true });
    await t.call('POST', '/api/admin/clock', { now: T0 });
    await publishFlow(t, clicked('One'));
    await t.call('POST', '/api/events', { events: ['a', 'b'].map((c) => ({ id: `s-${c}`, contactId: c, type: 'signup' })) });
    await publishFlow(t, clicked('Two'));
    const accepted = t.call('POST', '/api/events', { id: 'click-a', contactId: 'a', type: 'click' }, { Prefer: 'respond-async' });
    const migrated = t.call('POST', '/api/flows/welcome/migrations', { from: 1, to: 2 });
    expect((await accepted).status).toBe(202);
    expect((await migrated).body).toMatchObject({ moved: 1 });
    expect((await enrolments()).map((e) => [e.contactId, e.version, e.status])).toEqual([
      ['b', 2, 'active'],
      ['a', 1, 'completed'],
    ]);
  });

  it('takes up a migration a stop interrupted after the last slice it committed', async () => {
    await waiting(['a', 'b', 'c']);
    const ids = (await enrolments()).map((e) => e.id).sort();
    // As if a slice had moved the first enrolment and committed when the process died.
    const { repos } = t.runtime;
    repos.migrations.create({
      id: 'm1',
      flowId: 'welcome',
      from: 1,
      to: 2,
      map: { start: 'start', hello: 'hello', wait: 'wait', again: 'again', done: 'done' },
      unmapped: 'stay',
      startedAt: Date.parse(T0),
    });
    await t.call('POST', '/api/flows/welcome/enrolments/' + ids[0] + '/move', { version: 2, node: 'wait' });
    repos.migrations.progress('m1', { moved: 1, goal: 0, stayed: 0, exited: 0, last: ids[0]!, done: false }, Date.parse(T0));
    t.runtime.migrations.resume();
    const done = await t.runtime.migrations.run('m1');
    expect(done).toMatchObject({ status: 'done', moved: 3 });
    for (const e of await enrolments()) {
      const steps = (await t.call('GET', `/api/contacts/${e.contactId}/trace?flow=welcome`)).body.enrolments[0].steps;
      expect(steps.filter((s: { migratedFrom?: unknown }) => s.migratedFrom)).toHaveLength(1);
      expect(e.version).toBe(2);
    }
  });
});

describe('moving one contact', () => {
  it('moves a contact onto another step at once, or out of the flow, and refuses what cannot be', async () => {
    await waiting(['a', 'b']);
    const [b, a] = await enrolments();
    const moved = await t.call('POST', `/api/flows/welcome/enrolments/${a!.id}/move`, { node: 'again' });
    expect(moved.status).toBe(200);
    expect(moved.body.enrolment).toMatchObject({ contactId: 'a', version: 1, status: 'completed' });
    expect((await t.call('GET', '/api/outbox?contact=a')).body.emails.map((m: { subject: string }) => m.subject).sort()).toEqual(['Day two', 'Hello A']);
    const out = await t.call('POST', `/api/flows/welcome/enrolments/${b!.id}/move`, { node: null });
    expect(out.body.enrolment).toMatchObject({ status: 'completed', position: null });
    expect((await t.call('POST', `/api/flows/welcome/enrolments/${b!.id}/move`, { node: 'wait' })).status).toBe(409);
    expect((await t.call('POST', `/api/flows/welcome/enrolments/nope/move`, { node: 'wait' })).status).toBe(404);
  });

  it('refuses a step the version does not have', async () => {
    await waiting(['a']);
    const [a] = await enrolments();
    expect((await t.call('POST', `/api/flows/welcome/enrolments/${a!.id}/move`, { node: 'ghost' })).status).toBe(422);
    expect((await t.call('POST', `/api/flows/welcome/enrolments/${a!.id}/move`, { node: 'wait', version: 7 })).status).toBe(404);
  });
});
