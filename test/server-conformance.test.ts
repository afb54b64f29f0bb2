// The conformance cases of ../shared/examples replayed through the server's HTTP API with the
// manual clock: the contact is created, the clock moves to each event's instant (firing the
// timers due by then) and the event is posted; the trace at the horizon must equal the
// expected one, instants compared as instants (as ../shared/tools/conformance.mjs does).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { durationMs, readScenario, type Scenario } from '@hourglass/documents';
import { scenarioInstant } from '@hourglass/engine';
import { createTestApp, type TestApp } from '../apps/server/src/testApp.ts';
import { normaliseTrace } from './cliRunner.ts';
import { sharedScenarioCases } from './fixtures.ts';

// Read where they are, as the contract asks; without ../shared this file fails, saying where it looked.
const cases = sharedScenarioCases();

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const iso = (ms: number) => new Date(ms).toISOString();

async function ok(t: TestApp, method: string, path: string, body?: unknown) {
  const r = await t.call(method, path, body);
  if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${r.text}`);
  return r;
}

/** Replays a scenario through the API; returns the trace the server gives at the horizon. */
async function replay(t: TestApp, flow: { id: string }, scenario: Scenario, scoring: unknown) {
  const start = Date.parse(scenario.start);
  const end = start + durationMs(scenario.horizon);
  const events = scenario.events.map((e, i) => ({ e, i, at: scenarioInstant(e.at, start) })).sort((a, b) => a.at - b.at || a.i - b.i);
  if (events.some((x) => x.at < start) || scenario.contact.score !== undefined) {
    throw new Error('This replay does not cover history before the start or a starting score.');
  }

  await ok(t, 'POST', '/api/admin/clock', { now: iso(start) });
  if (scoring) await ok(t, 'PUT', '/api/scoring', scoring);
  await ok(t, 'POST', '/api/flows', flow);
  await ok(t, 'POST', `/api/flows/${flow.id}/publish`, {});
  const { id, score: _score, ...contact } = scenario.contact;
  await ok(t, 'PUT', `/api/contacts/${encodeURIComponent(id)}`, contact);
  if (scenario.enrol) await ok(t, 'POST', `/api/flows/${flow.id}/enrolments`, { contactId: id });
  for (const [n, { e, at }] of events.entries()) {
    if (at > end) continue;
    await ok(t, 'POST', '/api/admin/clock', { now: iso(at) });
    await ok(t, 'POST', '/api/events', { id: `event-${n}`, contactId: id, type: e.type, data: e.data, properties: e.properties, stage: e.stage });
  }
  await ok(t, 'POST', '/api/admin/clock', { now: iso(end) });
  return (await ok(t, 'GET', `/api/contacts/${encodeURIComponent(id)}/trace?flow=${flow.id}`)).body;
}

describe('the conformance cases of ../shared/examples through the HTTP API', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('finds the shared cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('replays $name with the manual clock to its expected trace', async ({ dir, base }) => {
    const named = join(dir, `${base.split('.')[0]}.flow.json`);
    const flow = read(existsSync(named) ? named : join(dir, 'flow.json'));
    const scenario = readScenario(read(join(dir, `${base}.scenario.json`)));
    if (!scenario.ok) throw new Error(`bad scenario: ${JSON.stringify(scenario.problems)}`);
    const scoringFile = join(dir, 'scoring.json');
    t = createTestApp({ manualClock: true });
    const trace = await replay(t, flow, scenario.value, existsSync(scoringFile) ? read(scoringFile) : undefined);
    expect(normaliseTrace(trace)).toEqual(normaliseTrace(read(join(dir, `${base}.expected.json`))));
  });
});
