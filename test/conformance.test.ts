import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hourglass, hourglassInProcess, normaliseTrace } from './cliRunner.ts';
import { caseNames, fixturesDir, sharedExamplesDir, sharedScenarioCases } from './fixtures.ts';

// The conformance cases of ../shared/examples, read where they are, run through the CLI's code
// exactly as `hourglass simulate --json` (in this process; the last test runs the real binary).
// Without ../shared this file fails, saying where it looked.
const examplesDir = sharedExamplesDir;
const cases = sharedScenarioCases();

describe('conformance cases of ../shared/examples', () => {
  it('finds the shared cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it('keeps in test/fixtures/examples an unchanged copy of every shared case, for the other tests', () => {
    const shared = caseNames(examplesDir);
    expect(caseNames(fixturesDir)).toEqual(shared);
    for (const c of shared) {
      const files = readdirSync(join(examplesDir, c)).sort();
      expect(readdirSync(join(fixturesDir, c)).sort(), c).toEqual(files);
      for (const f of files) expect(readFileSync(join(fixturesDir, c, f), 'utf8'), `${c}/${f}`).toBe(readFileSync(join(examplesDir, c, f), 'utf8'));
    }
  });

  it.each(cases)('simulates $name to its expected trace', async ({ dir, base }) => {
    const named = join(dir, `${base.split('.')[0]}.flow.json`);
    const flow = existsSync(named) ? named : join(dir, 'flow.json');
    const r = await hourglassInProcess(['simulate', flow, '--scenario', join(dir, `${base}.scenario.json`), '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const expected = JSON.parse(readFileSync(join(dir, `${base}.expected.json`), 'utf8'));
    expect(normaliseTrace(JSON.parse(r.stdout))).toEqual(normaliseTrace(expected));
  });

  it("prints the trace in the spec's shape, with the contact id before the status", () => {
    const r = hourglass([
      'simulate',
      join(examplesDir, 'whitepaper-nurture/flow.json'),
      '--scenario',
      join(examplesDir, 'whitepaper-nurture/anna.scenario.json'),
      '--json',
    ]);
    expect(r.stdout).toMatch(/"format": "hourglass.trace\/1",\n  "flow": "whitepaper-nurture",\n  "contact": "c-anna",\n  "status": "completed"/);
  });
});
