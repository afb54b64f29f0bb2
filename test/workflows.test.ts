import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hourglass, hourglassInProcess, normaliseTrace, repoRoot } from './cliRunner.ts';

// The real example flows of workflows/: each validates cleanly through the real binary, and each
// of its scenarios simulates, through the CLI's code in this process, to the trace kept beside it.
const dir = join(repoRoot, 'workflows');
const flows = readdirSync(dir)
  .filter((f) => f.endsWith('.flow.json'))
  .map((f) => f.replace('.flow.json', ''));
const scenarios = readdirSync(dir)
  .filter((f) => f.endsWith('.scenario.json'))
  .map((f) => f.replace('.scenario.json', ''));

describe('workflows/', () => {
  it('has at least five flows, each with a scenario', () => {
    expect(flows.length).toBeGreaterThanOrEqual(5);
    for (const flow of flows)
      expect(
        scenarios.some((s) => s.startsWith(`${flow}.`)),
        `${flow} has no scenario`,
      ).toBe(true);
  });

  it('validates every flow without errors or warnings', () => {
    const r = hourglass(['validate', ...flows.map((f) => join(dir, `${f}.flow.json`)), '--json']);
    expect(r.status).toBe(0);
    for (const file of JSON.parse(r.stdout)) expect(file.problems, file.file).toEqual([]);
  });

  it.each(scenarios)('simulates %s to its expected trace', async (name) => {
    const flow = name.split('.')[0];
    const r = await hourglassInProcess(['simulate', join(dir, `${flow}.flow.json`), '--scenario', join(dir, `${name}.scenario.json`), '--json']);
    expect(r.status).toBe(0);
    const expected = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8'));
    expect(normaliseTrace(JSON.parse(r.stdout))).toEqual(normaliseTrace(expected));
  });
});
