import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplesDir, hourglass, normaliseTrace } from './cliRunner.ts';

// The conformance cases of ../shared/examples, read where they are (never copied), run through
// the real CLI exactly as `hourglass simulate --json`.
const cases = existsSync(examplesDir)
  ? readdirSync(examplesDir).flatMap((dir) =>
      readdirSync(join(examplesDir, dir))
        .filter((f) => f.endsWith('.scenario.json'))
        .map((f) => ({ name: `${dir}/${f.replace('.scenario.json', '')}`, dir: join(examplesDir, dir), base: f.replace('.scenario.json', '') })),
    )
  : [];

describe('conformance cases of ../shared/examples', () => {
  it('finds the shared cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('simulates $name to its expected trace', ({ dir, base }) => {
    const named = join(dir, `${base.split('.')[0]}.flow.json`);
    const flow = existsSync(named) ? named : join(dir, 'flow.json');
    const r = hourglass(['simulate', flow, '--scenario', join(dir, `${base}.scenario.json`), '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const expected = JSON.parse(readFileSync(join(dir, `${base}.expected.json`), 'utf8'));
    expect(normaliseTrace(JSON.parse(r.stdout))).toEqual(normaliseTrace(expected));
  });

  it('prints the trace in the spec\'s shape, with the contact id before the status', () => {
    const r = hourglass(['simulate', join(examplesDir, 'whitepaper-nurture/flow.json'), '--scenario', join(examplesDir, 'whitepaper-nurture/anna.scenario.json'), '--json']);
    expect(r.stdout).toMatch(/"format": "hourglass.trace\/1",\n  "flow": "whitepaper-nurture",\n  "contact": "c-anna",\n  "status": "completed"/);
  });
});
