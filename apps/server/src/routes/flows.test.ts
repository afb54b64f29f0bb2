import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, publishFlow, welcomeFlow, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

describe('flows', () => {
  it('saves a draft with validation errors and answers with its problems', async () => {
    t = createTestApp();
    const draft = { ...welcomeFlow(), edges: [] };
    const r = await t.call('PUT', '/api/flows/welcome', draft);
    expect(r.status).toBe(201);
    expect(r.body.flow).toEqual(draft);
    expect(r.body.problems.some((p: { code: string; severity: string }) => p.severity === 'error')).toBe(true);
    const got = await t.call('GET', '/api/flows/welcome');
    expect(got.body).toMatchObject({ flow: draft, publishedVersion: null });
    expect(got.body.problems).toEqual(r.body.problems);
  });

  it('refuses a body that is not a flow document: not an object 400, another format 422', async () => {
    t = createTestApp();
    expect((await t.call('PUT', '/api/flows/welcome', [1, 2])).status).toBe(400);
    const other = await t.call('PUT', '/api/flows/welcome', { format: 'hourglass.scoring/1' });
    expect(other.status).toBe(422);
    expect(other.body.problems[0].code).toBe('unknown-format');
  });

  it('refuses a draft whose id differs from the address', async () => {
    t = createTestApp();
    const r = await t.call('PUT', '/api/flows/other', welcomeFlow());
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/must be "other"/);
  });

  it('creates a flow with POST and refuses the same id again with 409', async () => {
    t = createTestApp();
    expect((await t.call('POST', '/api/flows', welcomeFlow())).status).toBe(201);
    expect((await t.call('POST', '/api/flows', welcomeFlow())).status).toBe(409);
  });

  it('lists flows with their problem counts, published version and contacts enrolled', async () => {
    t = createTestApp();
    await publishFlow(t, welcomeFlow());
    await t.call('PUT', '/api/flows/broken', { ...welcomeFlow('broken'), name: 'Broken', nodes: [] });
    await t.call('POST', '/api/events', { id: 'e1', contactId: 'c1', type: 'signup' });
    const r = await t.call('GET', '/api/flows');
    const byId = Object.fromEntries(r.body.flows.map((f: { id: string }) => [f.id, f]));
    expect(byId.welcome).toMatchObject({ name: 'Welcome', publishedVersion: 1, enrolled: 1, draftProblems: { errors: 0, warnings: 0 } });
    expect(byId.broken).toMatchObject({ name: 'Broken', publishedVersion: null, enrolled: 0 });
    expect(byId.broken.draftProblems.errors).toBeGreaterThan(0);
  });

  it('publishes numbered immutable versions, newest first, each readable as it was', async () => {
    t = createTestApp();
    await publishFlow(t, welcomeFlow());
    await t.call('PUT', '/api/flows/welcome', welcomeFlow('welcome', { name: 'Welcome, second edition' }));
    const second = await t.call('POST', '/api/flows/welcome/publish', { note: 'New name' });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 2, note: 'New name' });
    const versions = await t.call('GET', '/api/flows/welcome/versions');
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await t.call('GET', '/api/flows/welcome/versions/1')).body.flow.name).toBe('Welcome');
    expect((await t.call('GET', '/api/flows/welcome/versions/2')).body.flow.name).toBe('Welcome, second edition');
    expect((await t.call('GET', '/api/flows/welcome/versions/3')).status).toBe(404);
  });

  it('refuses to publish a draft with errors and answers with its problems', async () => {
    t = createTestApp();
    await t.call('PUT', '/api/flows/welcome', { ...welcomeFlow(), edges: [] });
    const r = await t.call('POST', '/api/flows/welcome/publish');
    expect(r.status).toBe(422);
    expect(r.body.error).toMatch(/before publishing/);
    expect(r.body.problems.length).toBeGreaterThan(0);
    expect((await t.call('GET', '/api/flows/welcome/versions')).body.versions).toEqual([]);
  });

  it('keeps a running enrolment on the version it entered with when a new version is published', async () => {
    t = createTestApp({ manualClock: true });
    await t.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
    await publishFlow(t, welcomeFlow());
    await t.call('POST', '/api/events', { id: 'e1', contactId: 'early', type: 'signup' });
    const v2 = welcomeFlow();
    v2.nodes[3] = { id: 'again', type: 'sendEmail', config: { subject: 'Version two', body: 'x' } };
    await publishFlow(t, v2);
    await t.call('POST', '/api/events', { id: 'e2', contactId: 'late', type: 'signup' });
    await t.call('POST', '/api/admin/clock', { now: '2026-03-04T08:00:00Z' });
    const subjects = async (c: string) => (await t.call('GET', `/api/outbox?contact=${c}`)).body.emails.map((m: { subject: string }) => m.subject).reverse();
    expect(await subjects('early')).toEqual(['Hello there', 'Day two']);
    expect(await subjects('late')).toEqual(['Hello there', 'Version two']);
    const enrolments = (await t.call('GET', '/api/flows/welcome/enrolments')).body.enrolments;
    expect(Object.fromEntries(enrolments.map((e: { contactId: string; version: number }) => [e.contactId, e.version]))).toEqual({ early: 1, late: 2 });
  });

  it('exports the draft as a file named after the flow', async () => {
    t = createTestApp();
    await t.call('PUT', '/api/flows/welcome', welcomeFlow());
    const r = await t.call('GET', '/api/flows/welcome/export');
    expect(r.headers.get('Content-Disposition')).toBe('attachment; filename="welcome.flow.json"');
    expect(r.body).toEqual(welcomeFlow());
  });

  it('refuses to delete a flow while contacts are enrolled, unless asked to remove them', async () => {
    t = createTestApp();
    await publishFlow(t, welcomeFlow());
    await t.call('POST', '/api/events', { id: 'e1', contactId: 'c1', type: 'signup' });
    const refused = await t.call('DELETE', '/api/flows/welcome');
    expect(refused.status).toBe(409);
    expect(refused.body.enrolled).toBe(1);
    expect((await t.call('DELETE', '/api/flows/welcome?removeEnrolments=true')).status).toBe(204);
    expect((await t.call('GET', '/api/flows/welcome')).status).toBe(404);
    expect(t.runtime.nextTimerAt()).toBeUndefined();
    // A new flow with the same id starts from version 1 with its own content.
    await publishFlow(t, welcomeFlow('welcome', { name: 'Reborn' }));
    expect((await t.call('GET', '/api/flows/welcome/versions/1')).body.flow.name).toBe('Reborn');
    await t.call('POST', '/api/events', { id: 'e2', contactId: 'c2', type: 'signup' });
    expect((await t.call('GET', '/api/flows/welcome/enrolments')).body.enrolments).toHaveLength(1);
  });

  it('answers 404 for an unknown flow on every flow route', async () => {
    t = createTestApp();
    for (const [method, path] of [
      ['GET', '/api/flows/nope'],
      ['DELETE', '/api/flows/nope'],
      ['POST', '/api/flows/nope/publish'],
      ['GET', '/api/flows/nope/versions'],
      ['GET', '/api/flows/nope/export'],
      ['GET', '/api/flows/nope/enrolments'],
      ['GET', '/api/flows/Not_An_Id'],
    ] as const) {
      const r = await t.call(method, path);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.error).toMatch(/no flow/);
    }
  });
});
