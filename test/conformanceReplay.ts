// The conformance cases of ../shared/examples replayed through the server's HTTP API with the
// manual clock, the same way on every store: the contact is created, the clock moves to each
// event's instant (firing the timers due by then) and the event is posted; the trace at the
// horizon must equal the expected one, instants compared as instants (as
// ../shared/tools/conformance.mjs does). Used by server-conformance.test.ts (SQLite) and
// pg-server-conformance.test.ts (PostgreSQL).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { durationMs, readScenario, type Scenario } from '@hourglass/documents';
import { scenarioInstant } from '@hourglass/engine';

/** What the replay needs of a server: its API, signed in. */
export type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; text: string; body: any }>;

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const iso = (ms: number) => new Date(ms).toISOString();

async function ok(call: Call, method: string, path: string, body?: unknown) {
  const r = await call(method, path, body);
  if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${r.text}`);
  return r;
}

/** Replays a scenario through the API; returns the trace the server gives at the horizon. */
async function replay(call: Call, flow: { id: string }, scenario: Scenario, scoring: unknown) {
  const start = Date.parse(scenario.start);
  const end = start + durationMs(scenario.horizon);
  const events = scenario.events.map((e, i) => ({ e, i, at: scenarioInstant(e.at, start) })).sort((a, b) => a.at - b.at || a.i - b.i);
  if (events.some((x) => x.at < start) || scenario.contact.score !== undefined) {
    throw new Error('This replay does not cover history before the start or a starting score.');
  }

  await ok(call, 'POST', '/api/admin/clock', { now: iso(start) });
  if (scoring) await ok(call, 'PUT', '/api/scoring', scoring);
  await ok(call, 'POST', '/api/flows', flow);
  await ok(call, 'POST', `/api/flows/${flow.id}/publish`, {});
  const { id, score: _score, ...contact } = scenario.contact;
  await ok(call, 'PUT', `/api/contacts/${encodeURIComponent(id)}`, contact);
  if (scenario.enrol) await ok(call, 'POST', `/api/flows/${flow.id}/enrolments`, { contactId: id });
  for (const [n, { e, at }] of events.entries()) {
    if (at > end) continue;
    await ok(call, 'POST', '/api/admin/clock', { now: iso(at) });
    await ok(call, 'POST', '/api/events', { id: `event-${n}`, contactId: id, type: e.type, data: e.data, properties: e.properties, stage: e.stage });
  }
  await ok(call, 'POST', '/api/admin/clock', { now: iso(end) });
  return (await ok(call, 'GET', `/api/contacts/${encodeURIComponent(id)}/trace?flow=${flow.id}`)).body;
}

/** Replays the case `base` of the folder `dir` on a server; returns the trace it gives and the one expected. */
export async function replayCase(call: Call, { dir, base }: { dir: string; base: string }): Promise<{ trace: unknown; expected: unknown }> {
  const named = join(dir, `${base.split('.')[0]}.flow.json`);
  const flow = read(existsSync(named) ? named : join(dir, 'flow.json'));
  const scenario = readScenario(read(join(dir, `${base}.scenario.json`)));
  if (!scenario.ok) throw new Error(`bad scenario: ${JSON.stringify(scenario.problems)}`);
  const scoringFile = join(dir, 'scoring.json');
  const trace = await replay(call, flow, scenario.value, existsSync(scoringFile) ? read(scoringFile) : undefined);
  return { trace, expected: read(join(dir, `${base}.expected.json`)) };
}
