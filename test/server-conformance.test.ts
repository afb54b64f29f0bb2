// The conformance cases of ../shared/examples replayed through the server's HTTP API on SQLite
// with the manual clock (conformanceReplay.ts; pg-server-conformance.test.ts runs the same on PostgreSQL).
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../apps/server/src/testApp.ts';
import { normaliseTrace } from './cliRunner.ts';
import { replayCase } from './conformanceReplay.ts';
import { sharedScenarioCases } from './fixtures.ts';

// Read where they are, as the contract asks; without ../shared this file fails, saying where it looked.
const cases = sharedScenarioCases();

describe('the conformance cases of ../shared/examples through the HTTP API', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('finds the shared cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('replays $name with the manual clock to its expected trace', async (c) => {
    t = createTestApp({ manualClock: true });
    const { trace, expected } = await replayCase(t.call, c);
    expect(normaliseTrace(trace)).toEqual(normaliseTrace(expected));
  });
});
