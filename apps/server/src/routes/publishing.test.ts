import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, publishFlow, welcomeFlow, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const summaryOf = async (id: string) => ((await t.call('GET', '/api/flows')).body.flows as { id: string; draftDiffers: boolean }[]).find((f) => f.id === id)!;

describe('publishing only what changed', () => {
  it('refuses to publish the live version again with 409 and reason "unchanged", also when steps only moved', async () => {
    t = createTestApp();
    await publishFlow(t, welcomeFlow());
    const again = await t.call('POST', '/api/flows/welcome/publish', { note: 'again' });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      error: 'Nothing changed since version 1: this draft is the live version. Change the flow before publishing again.',
      reason: 'unchanged',
      version: 1,
    });
    const moved = welcomeFlow();
    moved.nodes = moved.nodes.map((n, i) => ({ ...n, position: { x: i * 10, y: 0 } }));
    await t.call('PUT', '/api/flows/welcome', moved);
    expect((await t.call('POST', '/api/flows/welcome/publish', {})).status).toBe(409);

    await t.call('PUT', '/api/flows/welcome', welcomeFlow('welcome', { name: 'Welcome, again' }));
    expect((await t.call('POST', '/api/flows/welcome/publish', {})).body.version).toBe(2);
    expect((await t.call('GET', '/api/flows/welcome/versions')).body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('says in the flow list whether the draft differs from the live version', async () => {
    t = createTestApp();
    await t.call('PUT', '/api/flows/welcome', welcomeFlow());
    expect((await summaryOf('welcome')).draftDiffers).toBe(false);
    await publishFlow(t, welcomeFlow());
    expect((await summaryOf('welcome')).draftDiffers).toBe(false);
    const longer = welcomeFlow();
    longer.nodes = longer.nodes.map((n) => (n.id === 'wait' ? { ...n, config: { for: 'P3D' } } : n));
    await t.call('PUT', '/api/flows/welcome', longer);
    expect((await summaryOf('welcome')).draftDiffers).toBe(true);
  });

  it('refuses to publish a step no trigger reaches, as an error with its problem', async () => {
    t = createTestApp();
    const cut = welcomeFlow();
    cut.edges = [
      { from: 'start', to: 'hello' },
      { from: 'hello', to: 'done' },
      { from: 'wait', to: 'again' },
      { from: 'again', to: 'done' },
    ];
    const saved = await t.call('PUT', '/api/flows/welcome', cut);
    // Saving reports it as spec §5 does (a warning); publishing refuses it.
    expect(saved.body.problems.filter((p: { code: string }) => p.code === 'unreachable-node').map((p: { severity: string }) => p.severity)).toEqual([
      'warning',
      'warning',
    ]);
    const r = await t.call('POST', '/api/flows/welcome/publish', {});
    expect(r.status).toBe(422);
    expect(r.body.error).toBe('This flow has 2 errors: fix them before publishing.');
    // No contact has a firstName yet, so the greeting's variable is also warned about: only the errors matter here.
    const errors = r.body.problems.filter((p: { severity: string }) => p.severity === 'error');
    expect(errors.map((p: { severity: string; code: string; nodeId: string }) => `${p.severity}:${p.code}:${p.nodeId}`)).toEqual([
      'error:unreachable-node:wait',
      'error:unreachable-node:again',
    ]);
    expect((await summaryOf('welcome')) as unknown).toMatchObject({ draftProblems: { errors: 2, warnings: 0 } });
  });
});

describe('GET /api/flows/:id/publish-check', () => {
  it('answers the live version, the contacts in the flow now, and the live flows whose trigger lets the same contacts in', async () => {
    t = createTestApp();
    // Live: "welcome" on signup; "pro" on signup of the pro plan; "other" on another event; "idea" is only a draft.
    await publishFlow(t, welcomeFlow());
    const pro = welcomeFlow('pro', { name: 'Pro signups' });
    pro.nodes = pro.nodes.map((n) => (n.id === 'start' ? { ...n, config: { on: 'event', event: 'signup', where: { plan: 'pro' } } } : n));
    await publishFlow(t, pro);
    const other = welcomeFlow('other', { name: 'Other' });
    other.nodes = other.nodes.map((n) => (n.id === 'start' ? { ...n, config: { on: 'event', event: 'webinar_attended' } } : n));
    await publishFlow(t, other);
    await t.call('PUT', '/api/flows/idea', welcomeFlow('idea', { name: 'Idea' }));
    await t.call('PUT', '/api/contacts/c1', { email: 'c1@example.com' });
    await t.call('POST', '/api/events', { id: 'e1', contactId: 'c1', type: 'signup', data: { plan: 'pro' } });

    const check = await t.call('GET', '/api/flows/welcome/publish-check');
    expect(check.status).toBe(200);
    expect(check.body).toEqual({
      liveVersion: 1,
      enrolled: 1,
      overlaps: [{ nodeId: 'start', flowId: 'pro', flowName: 'Pro signups', version: 1, otherNodeId: 'start', reason: 'both start on signup with plan = pro' }],
    });
    // The draft never published overlaps both live signup flows.
    const idea = await t.call('GET', '/api/flows/idea/publish-check');
    expect(idea.body.liveVersion).toBeNull();
    expect(idea.body.enrolled).toBe(0);
    expect(idea.body.overlaps.map((o: { flowId: string }) => o.flowId)).toEqual(['pro', 'welcome']);
    expect((await t.call('GET', '/api/flows/nope/publish-check')).status).toBe(404);
  });
});
