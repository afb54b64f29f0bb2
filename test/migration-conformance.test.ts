// Conformance cases of our own for migrations (test/fixtures/migrations/<case>/): a flow's version 1
// (from.flow.json) and 2 (to.flow.json), a migration at an instant of the scenario (migration.json:
// the body of POST /api/flows/:id/migrations and `at`), and per contact a scenario with the trace
// it must give (<who>.expected.json; UPDATE_MIGRATION_CASES=1 writes them). Each runs through the
// engine in memory and through the server's HTTP API with the manual clock; both must give it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { durationMs, formatTrace, readFlow, readScenario, ScenarioAt, type Flow, type Scenario } from '@hourglass/documents';
import { MigrationBody } from '@hourglass/api';
import { Engine, MemoryStore, buildTrace, driveInputs, inputLine, migrateAll, nodeMap, scenarioInstant } from '@hourglass/engine';
import { createTestApp, type TestApp } from '../apps/server/src/testApp.ts';
import { repoRoot } from './fixtures.ts';

/** migration.json: when, from which version to which, and how (the API's body). */
const MigrationCase = MigrationBody.extend({ at: ScenarioAt });
type MigrationCase = z.infer<typeof MigrationCase>;

const dir = join(repoRoot, 'test/fixtures/migrations');
const update = process.env.UPDATE_MIGRATION_CASES === '1';
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const iso = (ms: number) => new Date(ms).toISOString();
const flowAt = (file: string): Flow => {
  const r = readFlow(read(file));
  if (!r.ok) throw new Error(`${file}: ${r.problems.map((p) => p.message).join('; ')}`);
  return r.value;
};

const cases = (existsSync(dir) ? readdirSync(dir) : []).flatMap((name) =>
  readdirSync(join(dir, name))
    .filter((f) => f.endsWith('.scenario.json'))
    .map((f) => {
      const who = f.replace('.scenario.json', '');
      const scenario = readScenario(read(join(dir, name, f)));
      if (!scenario.ok) throw new Error(`${name}/${f} is not a scenario`);
      return {
        name: `${name}/${who}`,
        from: flowAt(join(dir, name, 'from.flow.json')),
        to: flowAt(join(dir, name, 'to.flow.json')),
        migration: MigrationCase.parse(read(join(dir, name, 'migration.json'))),
        scenario: scenario.value,
        expected: join(dir, name, `${who}.expected.json`),
      };
    }),
);

/** The scenario's inputs in order, with the migration after the events at its instant. */
function line(scenario: Scenario, migration: MigrationCase) {
  const start = Date.parse(scenario.start);
  const events = scenario.events.map((e, i) => ({ kind: 'event' as const, e, i, at: scenarioInstant(e.at, start) }));
  const move = { kind: 'migration' as const, i: Infinity, at: scenarioInstant(migration.at, start) };
  return { start, end: start + durationMs(scenario.horizon), inputs: [...events, move].sort((a, b) => a.at - b.at || a.i - b.i) };
}

/** The case through the engine in memory: the simulator's loop with the migration as one more input. */
function throughEngine({ from, to, scenario, migration }: (typeof cases)[number]) {
  const store = new MemoryStore();
  const engine = new Engine({ store });
  engine.addFlow(from, migration.from);
  const { score: _score, ...contact } = scenario.contact;
  engine.putContact({ ...contact, properties: { ...contact.properties }, adjustments: 0 });
  const { end, inputs } = line(scenario, migration);
  driveInputs(
    engine,
    inputLine(inputs),
    (input) => {
      if (input.kind === 'migration') {
        engine.addFlow(to, migration.to);
        migrateAll(
          engine,
          { flowId: from.id, from: migration.from, to: migration.to, map: nodeMap(from, to, migration.map), unmapped: migration.unmapped },
          input.at,
        );
      } else
        engine.ingest({ contactId: contact.id, at: input.at, type: input.e.type, data: input.e.data, properties: input.e.properties, stage: input.e.stage });
    },
    { until: end },
  );
  return formatTrace(buildTrace(store, from, contact.id, end, undefined));
}

async function ok(t: TestApp, method: string, path: string, body?: unknown) {
  const r = await t.call(method, path, body);
  if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${r.text}`);
  return r.body;
}

/** The case through the server: the manual clock to each input's instant, version 2 published and the migration applied at its instant. */
async function throughServer(t: TestApp, { from, to, scenario, migration }: (typeof cases)[number]) {
  const { start, end, inputs } = line(scenario, migration);
  await ok(t, 'POST', '/api/admin/clock', { now: iso(start) });
  await ok(t, 'POST', '/api/flows', from);
  await ok(t, 'POST', `/api/flows/${from.id}/publish`, {});
  const { id, score: _score, ...contact } = scenario.contact;
  await ok(t, 'PUT', `/api/contacts/${id}`, contact);
  for (const [n, input] of inputs.entries()) {
    await ok(t, 'POST', '/api/admin/clock', { now: iso(input.at) });
    if (input.kind === 'migration') {
      await ok(t, 'PUT', `/api/flows/${from.id}`, to);
      await ok(t, 'POST', `/api/flows/${from.id}/publish`, {});
      const { at: _at, ...body } = migration;
      await ok(t, 'POST', `/api/flows/${from.id}/migrations`, body);
    } else await ok(t, 'POST', '/api/events', { id: `event-${n}`, contactId: id, type: input.e.type, data: input.e.data, properties: input.e.properties });
  }
  await ok(t, 'POST', '/api/admin/clock', { now: iso(end) });
  return ok(t, 'GET', `/api/contacts/${id}/trace?flow=${from.id}`);
}

describe('the migration cases of test/fixtures/migrations', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('has cases to run', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  it.each(cases)('$name gives its expected trace through the engine', (c) => {
    const trace = throughEngine(c);
    // Written in the spec's shape; the API's answer and a parse of it keep the last "contact" key.
    if (update) writeFileSync(c.expected, `${trace}\n`);
    expect(JSON.parse(trace)).toEqual(read(c.expected));
  });

  it.each(cases)('$name gives its expected trace through the HTTP API', async (c) => {
    t = createTestApp({ manualClock: true });
    expect(await throughServer(t, c)).toEqual(read(c.expected));
  });
});
