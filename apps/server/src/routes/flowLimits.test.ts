import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_FORMAT, MAX_FLOW_NODES } from '@hourglass/documents';
import { createApp } from '../createApp.ts';
import { appDepsOf } from '../appDeps.ts';
import { Runtime } from '../runtime.ts';
import { TEST_TOKEN, createTestApp, welcomeFlow, type TestApp } from '../testApp.ts';
import { hashToken } from '../token.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

/** A condition of `depth` nested `not`s around a score comparison. */
function nestedNots(depth: number): unknown {
  let c: unknown = { score: { gte: 1 } };
  for (let i = 0; i < depth; i++) c = { not: c };
  return c;
}

function deepFlow(id: string, depth: number) {
  const f = welcomeFlow(id);
  return { ...f, nodes: [...f.nodes, { id: 'check', type: 'condition', config: { if: nestedNots(depth) } }] };
}

/** A trigger, then `count - 2` updates in a chain, then an exit: `count` nodes in all. */
function chainedFlow(id: string, count: number) {
  const nodes: Record<string, unknown>[] = [{ id: 'start', type: 'trigger', config: { on: 'event', event: 'signup' } }];
  for (let i = 1; i < count - 1; i++) nodes.push({ id: `n${i}`, type: 'update', config: { addScore: 1 } });
  nodes.push({ id: 'done', type: 'exit', config: {} });
  const edges = nodes.slice(1).map((n, i) => ({ from: nodes[i]!.id as string, to: n.id as string }));
  return { format: FLOW_FORMAT, id, name: 'Long chain', settings: {}, nodes, edges };
}

/** The app again on the same database, as after a restart. */
function restarted(app: TestApp) {
  const runtime = new Runtime({ db: app.db, clock: { now: () => Date.now() }, log: () => {} });
  const again = createApp({ ...appDepsOf(runtime), tokenHash: hashToken(TEST_TOKEN) });
  return (path: string) => again.request(path, { headers: { Authorization: `Bearer ${TEST_TOKEN}` } });
}

describe('flow limits', () => {
  it('refuses a draft of 1,000 nested nots with 422 and a problem, and the list still answers', async () => {
    t = createTestApp();
    const r = await t.call('PUT', '/api/flows/deep', deepFlow('deep', 1000));
    expect(r.status).toBe(422);
    expect(r.body.problems[0]).toMatchObject({
      code: 'condition-too-deep',
      nodeId: 'check',
      pointer: expect.stringMatching(/^\/nodes\/5\/config\/if(\/not)+$/),
    });
    expect(r.body.error).toMatch(/at most 32 levels/);
    expect((await t.call('POST', '/api/flows', deepFlow('deep', 1000))).status).toBe(422);
    const list = await t.call('GET', '/api/flows');
    expect(list.status).toBe(200);
    expect(list.body.flows).toEqual([]);
  });

  it('saves a condition nested 32 levels deep, the documented limit', async () => {
    t = createTestApp();
    const r = await t.call('PUT', '/api/flows/deep', deepFlow('deep', 31));
    expect(r.status).toBe(201);
    expect(r.body.problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([]);
  });

  it('lists a draft of 1,000 nested nots stored before the limit, across a restart, and shows its problem', async () => {
    t = createTestApp();
    const now = Date.now();
    const insert = t.db.prepare('INSERT INTO flows (id, draft, created_at, updated_at) VALUES (?, ?, ?, ?)');
    insert.run('deep', JSON.stringify(deepFlow('deep', 1000)), now, now);
    // Deeper than JSON.stringify itself can go: only an old or hand-edited database holds this.
    insert.run('deeper', `{"format":"${FLOW_FORMAT}","id":"deeper","name":"x","nodes":${'['.repeat(100_000)}${']'.repeat(100_000)},"edges":[]}`, now, now);
    await t.call('PUT', '/api/flows/welcome', welcomeFlow());
    for (const get of [
      t.call.bind(null, 'GET'),
      async (path: string) => ({ status: (await restarted(t)(path)).status, body: await (await restarted(t)(path)).json() }),
    ]) {
      const list = await get('/api/flows');
      expect(list.status).toBe(200);
      const byId = Object.fromEntries(list.body.flows.map((f: { id: string }) => [f.id, f]));
      expect(Object.keys(byId).sort()).toEqual(['deep', 'deeper', 'welcome']);
      expect(byId.deep.draftProblems.errors).toBe(1);
      expect(byId.deeper.draftProblems.errors).toBe(1);
      expect(byId.welcome.draftProblems.errors).toBe(0);
    }
    const one = await t.call('GET', '/api/flows/deep');
    expect(one.status).toBe(200);
    const errors = one.body.problems.filter((p: { severity: string }) => p.severity === 'error');
    expect(errors.map((p: { code: string }) => p.code)).toEqual(['condition-too-deep']);
  });

  it(`validates and publishes ${MAX_FLOW_NODES} chained nodes, the documented limit, and survives a restart`, async () => {
    t = createTestApp();
    const r = await t.call('PUT', '/api/flows/chain', chainedFlow('chain', MAX_FLOW_NODES));
    expect(r.status).toBe(201);
    expect(r.body.problems).toEqual([]);
    expect((await t.call('POST', '/api/flows/chain/publish', {})).status).toBe(201);
    expect((await t.call('GET', '/api/flows')).body.flows[0]).toMatchObject({ id: 'chain', draftProblems: { errors: 0, warnings: 0 }, publishedVersion: 1 });
    expect((await restarted(t)('/api/flows')).status).toBe(200);
  });

  it('refuses a flow of more nodes than the limit with 422, and the list still answers', async () => {
    t = createTestApp();
    const r = await t.call('PUT', '/api/flows/chain', chainedFlow('chain', MAX_FLOW_NODES + 1));
    expect(r.status).toBe(422);
    expect(r.body.problems).toEqual([expect.objectContaining({ code: 'too-many-nodes', pointer: '/nodes' })]);
    expect((await t.call('GET', '/api/flows')).status).toBe(200);
  });

  it('refuses a document nested deeper than the limit anywhere, not only in conditions', async () => {
    t = createTestApp();
    let deep: unknown = 'x';
    for (let i = 0; i < 2000; i++) deep = [deep];
    const r = await t.call('PUT', '/api/flows/welcome', { ...welcomeFlow(), description: deep });
    expect(r.status).toBe(422);
    expect(r.body.problems).toEqual([expect.objectContaining({ code: 'too-deep', pointer: expect.stringMatching(/^\/description(\/0)+$/) })]);
  });
});
