import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

describe('scoring', () => {
  it('starts with an empty model and saves a valid one, which then scores every contact', async () => {
    t = createTestApp();
    expect((await t.call('GET', '/api/scoring')).body).toEqual({ format: 'hourglass.scoring/1', fit: [], behaviour: [] });
    await t.call('PUT', '/api/contacts/c1', { properties: { employees: 80 } });
    const model = { format: 'hourglass.scoring/1', fit: [{ if: { property: { name: 'employees', gte: 50 } }, points: 15 }] };
    const saved = await t.call('PUT', '/api/scoring', model);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ ...model, behaviour: [] });
    expect((await t.call('GET', '/api/scoring')).body).toEqual(saved.body);
    expect((await t.call('GET', '/api/contacts/c1')).body.score.fit).toBe(15);
  });

  it('refuses an invalid model with 422 and its problems, keeping the old one', async () => {
    t = createTestApp();
    const r = await t.call('PUT', '/api/scoring', { format: 'hourglass.scoring/1', behaviour: [{ event: 'x', points: 1, expires: 'P1Y' }] });
    expect(r.status).toBe(422);
    expect(r.body.problems).toMatchObject([{ code: 'bad-duration', pointer: '/behaviour/0/expires' }]);
    expect((await t.call('GET', '/api/scoring')).body.behaviour).toEqual([]);
  });
});
