import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testApp.ts';
import { fixturePath } from '../../../../test/fixtures.ts';

const example = fixturePath('whitepaper-nurture');
const read = (f: string) => JSON.parse(readFileSync(join(example, f), 'utf8'));

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

async function withFlow() {
  t = createTestApp();
  expect((await t.call('POST', '/api/flows', read('flow.json'))).status).toBe(201);
}

describe('scenarios saved with a flow', () => {
  it('saves a scenario with its expected trace under a name, lists it, replaces it and deletes it', async () => {
    await withFlow();
    expect((await t.call('GET', '/api/flows/whitepaper-nurture/scenarios')).body).toEqual({ scenarios: [] });
    const anna = read('anna.scenario.json');
    const expected = read('anna.expected.json');
    const saved = await t.call('PUT', '/api/flows/whitepaper-nurture/scenarios/Anna%20clicks', { scenario: anna, expected });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ name: 'Anna clicks', scenario: { contact: { id: 'c-anna' } }, expected: { status: expected.status } });
    await t.call('PUT', '/api/flows/whitepaper-nurture/scenarios/Ben', { scenario: read('ben.scenario.json') });
    const list = (await t.call('GET', '/api/flows/whitepaper-nurture/scenarios')).body;
    expect(list.scenarios.map((s: { name: string }) => s.name)).toEqual(['Anna clicks', 'Ben']);
    expect(list.scenarios[1].expected).toBeUndefined();

    await t.call('PUT', '/api/flows/whitepaper-nurture/scenarios/Anna%20clicks', { scenario: anna });
    expect((await t.call('GET', '/api/flows/whitepaper-nurture/scenarios')).body.scenarios[0].expected).toBeUndefined();

    expect((await t.call('DELETE', '/api/flows/whitepaper-nurture/scenarios/Ben')).status).toBe(204);
    expect((await t.call('DELETE', '/api/flows/whitepaper-nurture/scenarios/Ben')).status).toBe(404);
    expect((await t.call('GET', '/api/flows/whitepaper-nurture/scenarios')).body.scenarios).toHaveLength(1);
  });

  it('refuses an invalid scenario with 400 and the problem at its pointer, saving nothing', async () => {
    await withFlow();
    const bad = { ...read('anna.scenario.json'), events: [{ at: 'tomorrow', type: 'x' }] };
    const r = await t.call('PUT', '/api/flows/whitepaper-nurture/scenarios/bad', { scenario: bad });
    expect(r.status).toBe(400);
    expect(r.body.problems.map((p: { pointer: string }) => p.pointer)).toContain('/scenario/events/0/at');
    expect((await t.call('GET', '/api/flows/whitepaper-nurture/scenarios')).body.scenarios).toEqual([]);
  });

  it('answers 404 for the scenarios of a flow that does not exist', async () => {
    t = createTestApp();
    expect((await t.call('GET', '/api/flows/nope/scenarios')).status).toBe(404);
    expect((await t.call('PUT', '/api/flows/nope/scenarios/a', { scenario: read('anna.scenario.json') })).status).toBe(404);
  });

  it('deletes the scenarios of a flow with the flow', async () => {
    await withFlow();
    await t.call('PUT', '/api/flows/whitepaper-nurture/scenarios/Anna', { scenario: read('anna.scenario.json') });
    expect((await t.call('DELETE', '/api/flows/whitepaper-nurture')).status).toBe(204);
    expect((await t.call('POST', '/api/flows', read('flow.json'))).status).toBe(201);
    expect((await t.call('GET', '/api/flows/whitepaper-nurture/scenarios')).body.scenarios).toEqual([]);
  });
});
