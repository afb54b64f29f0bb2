import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { formatTrace, readScenario, readScoring } from '@hourglass/documents';
import { simulate } from '@hourglass/engine';
import { createTestApp, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const example = fileURLToPath(new URL('../../../../../shared/examples/whitepaper-nurture/', import.meta.url));
const read = (f: string) => JSON.parse(readFileSync(join(example, f), 'utf8'));

describe('simulate', () => {
  it('answers the same trace as the simulator of the CLI, in the spec\'s shape', async () => {
    t = createTestApp();
    const body = { flow: read('flow.json'), scenario: read('anna.scenario.json'), scoring: read('scoring.json') };
    const r = await t.call('POST', '/api/simulate', body);
    expect(r.status).toBe(200);
    const expected = simulate({ flow: read('flow.json'), scenario: readScenario(body.scenario).value!, scoring: readScoring(body.scoring).value! }).trace;
    expect(r.text).toBe(formatTrace(expected));
  });

  it('uses the workspace scoring model when the request has none', async () => {
    t = createTestApp();
    await t.call('PUT', '/api/scoring', read('scoring.json'));
    const withModel = await t.call('POST', '/api/simulate', { flow: read('flow.json'), scenario: read('anna.scenario.json'), scoring: read('scoring.json') });
    const withWorkspace = await t.call('POST', '/api/simulate', { flow: read('flow.json'), scenario: read('anna.scenario.json') });
    expect(withWorkspace.text).toBe(withModel.text);
  });

  it('refuses invalid documents with 422 and problems pointing into each document', async () => {
    t = createTestApp();
    const r = await t.call('POST', '/api/simulate', { flow: { ...read('flow.json'), edges: 'none' }, scenario: { ...read('anna.scenario.json'), horizon: 'P1Y' } });
    expect(r.status).toBe(422);
    const pointers = r.body.problems.map((p: { pointer: string }) => p.pointer);
    expect(pointers).toContain('/flow/edges');
    expect(pointers).toContain('/scenario/horizon');
    expect((await t.call('POST', '/api/simulate', { flow: read('flow.json') })).status).toBe(400);
  });
});
