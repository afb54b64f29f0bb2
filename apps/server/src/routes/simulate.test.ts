import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_FORMAT, formatTrace, readScenario, readScoring } from '@hourglass/documents';
import { simulate } from '@hourglass/engine';
import { createTestApp, type TestApp } from '../testApp.ts';
import { fixturePath } from '../../../../test/fixtures.ts';
import { timeoutMessage } from '../simulationPool.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});
// One app for the tests with the default limits: its simulation worker takes a second or two of
// CPU to start, and none of these tests depends on what another one did.
let shared: TestApp;
beforeAll(() => {
  shared = createTestApp();
});
afterAll(() => shared.close());

const example = fixturePath('whitepaper-nurture');
const read = (f: string) => JSON.parse(readFileSync(join(example, f), 'utf8'));

describe('simulate', () => {
  it("answers the same trace as the simulator of the CLI, in the spec's shape", async () => {
    const body = { flow: read('flow.json'), scenario: read('anna.scenario.json'), scoring: read('scoring.json') };
    const r = await shared.call('POST', '/api/simulate', body);
    expect(r.status).toBe(200);
    const expected = simulate({ flow: read('flow.json'), scenario: readScenario(body.scenario).value!, scoring: readScoring(body.scoring).value! }).trace;
    expect(r.text).toBe(formatTrace(expected));
  });

  it('uses the workspace scoring model when the request has none', async () => {
    await shared.call('PUT', '/api/scoring', read('scoring.json'));
    const withModel = await shared.call('POST', '/api/simulate', {
      flow: read('flow.json'),
      scenario: read('anna.scenario.json'),
      scoring: read('scoring.json'),
    });
    const withWorkspace = await shared.call('POST', '/api/simulate', { flow: read('flow.json'), scenario: read('anna.scenario.json') });
    expect(withWorkspace.text).toBe(withModel.text);
  });

  it('refuses invalid documents with 422 and problems pointing into each document', async () => {
    const r = await shared.call('POST', '/api/simulate', {
      flow: { ...read('flow.json'), edges: 'none' },
      scenario: { ...read('anna.scenario.json'), horizon: 'P1Y' },
    });
    expect(r.status).toBe(422);
    const pointers = r.body.problems.map((p: { pointer: string }) => p.pointer);
    expect(pointers).toContain('/flow/edges');
    expect(pointers).toContain('/scenario/horizon');
    expect((await shared.call('POST', '/api/simulate', { flow: read('flow.json') })).status).toBe(400);
  });
});

describe('simulation limits', () => {
  const scenario = (events: unknown[], horizon = 'P14D') => ({
    format: 'hourglass.scenario/1',
    start: '2026-03-02T08:00:00Z',
    horizon,
    contact: { id: 'c' },
    events,
  });
  // A loop through a one-second wait: over 14 days, 1.2 million timers and hundreds of MB of trace without a limit.
  const loop = {
    format: FLOW_FORMAT,
    id: 'loop',
    name: 'Loop',
    settings: {},
    nodes: [
      { id: 'start', type: 'trigger', config: { on: 'event', event: 'signup' } },
      { id: 'tick', type: 'wait', config: { for: 'PT1S' } },
      { id: 'add', type: 'update', config: { addScore: 1 } },
    ],
    edges: [
      { from: 'start', to: 'tick' },
      { from: 'tick', to: 'add' },
      { from: 'add', to: 'tick' },
    ],
  };
  // A wait-for that listens to every click: each click re-counts all the clicks before it.
  const listener = {
    format: FLOW_FORMAT,
    id: 'listener',
    name: 'Listener',
    settings: {},
    nodes: [
      { id: 'start', type: 'trigger', config: { on: 'event', event: 'signup' } },
      { id: 'w', type: 'waitFor', config: { until: { event: { type: 'click', count: { gte: 1_000_000 } } } } },
    ],
    edges: [{ from: 'start', to: 'w' }],
  };
  const clicks = (n: number) => [{ at: 'PT0S', type: 'signup' }, ...Array.from({ length: n }, (_, i) => ({ at: `PT${i + 1}M`, type: 'click' }))];
  const clickScoring = { format: 'hourglass.scoring/1', behaviour: [{ event: 'click', points: 1 }] };

  it('answers a one-second loop over 14 days with 422 at the step limit, naming the limit and the fix', async () => {
    const r = await shared.call('POST', '/api/simulate', { flow: loop, scenario: scenario([{ at: 'PT0S', type: 'signup' }]) });
    expect(r.status).toBe(422);
    // The step limit stopped it, not the pool's time limit (whose answer names seconds): it ends
    // after 10,000 steps, however slow the machine, without a timed assertion.
    expect(r.body.error).toMatch(/after 10,000 steps, the most one simulation runs.*Lengthen the waits/);
  });

  it('refuses a horizon over a year with 422', async () => {
    const r = await shared.call('POST', '/api/simulate', { flow: loop, scenario: scenario([], 'P400D') });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatch(/longer than 366 days.*Shorten "horizon"/);
  });

  it('names the time limit in seconds, one second in the singular', () => {
    expect([timeoutMessage(1000), timeoutMessage(1500), timeoutMessage(10_000)].map((m) => m.split(',')[0])).toEqual([
      'The simulation took longer than 1 second',
      'The simulation took longer than 1.5 seconds',
      'The simulation took longer than 10 seconds',
    ]);
  });

  it('stops a simulation that takes longer than the time limit with 422, answers other requests meanwhile, and runs the next one as before', async () => {
    // A simulation far longer than its time limit, so it runs for as long as the limit gives it,
    // however fast the machine; a limit the next, small simulation keeps on a fresh worker even
    // on a loaded machine (at 0.2 s it did not).
    const app = (t = createTestApp({ simulation: { timeoutMs: 1500 } }));
    let done = false;
    const began = Date.now();
    const simulation = app
      .call('POST', '/api/simulate', { flow: listener, scenario: scenario(clicks(4000)), scoring: clickScoring })
      .finally(() => (done = true));
    let answered = 0;
    while (!done) {
      expect((await app.call('GET', '/api/health')).status).toBe(200);
      answered++;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const stopped = await simulation;
    expect([stopped.status, stopped.body.error]).toEqual([422, expect.stringMatching(/took longer than 1.5 seconds/)]);
    expect(Date.now() - began).toBeGreaterThan(1000);
    // On the event loop, the first health check would wait for the whole simulation and be the
    // only one answered: counting answers proves it without timing them (a timed bound failed on
    // a loaded machine).
    expect(answered).toBeGreaterThan(3);
    // The next simulation gets a fresh worker and answers as before.
    const next = await app.call('POST', '/api/simulate', { flow: read('flow.json'), scenario: read('anna.scenario.json'), scoring: read('scoring.json') });
    expect(next.status).toBe(200);
  });
});
