// The conformance cases of ../shared/examples replayed through the HTTP API of a PostgreSQL
// worker with the manual clock, exactly as server-conformance.test.ts replays them on SQLite
// (one driver: conformanceReplay.ts). Each case on an emptied schema and a fresh worker.
// Without PostgreSQL this file fails, saying so.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../apps/server/src/pg/pgTestSchema.ts';
import { startPgTestServer, type PgTestServer } from '../apps/server/src/pg/pgTestServer.ts';
import { normaliseTrace } from './cliRunner.ts';
import { replayCase } from './conformanceReplay.ts';
import { sharedScenarioCases } from './fixtures.ts';

const cases = sharedScenarioCases();

let schema: TestSchema;
beforeAll(async () => {
  schema = await createTestSchema();
});
afterAll(async () => {
  await schema?.drop();
});

describe('the conformance cases of ../shared/examples through the HTTP API on PostgreSQL', () => {
  let t: PgTestServer | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('finds the shared cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('replays $name with the manual clock to its expected trace', async (c) => {
    await schema.truncate();
    t = await startPgTestServer(schema, { HOURGLASS_CLOCK: 'manual' });
    const { trace, expected } = await replayCase(t.call, c);
    expect(normaliseTrace(trace)).toEqual(normaliseTrace(expected));
  });
});
