import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caseNames, fixturePath, scenarioCases, sharedExamplesDir } from './fixtures.ts';

const empty = mkdtempSync(join(tmpdir(), 'hourglass-fixtures-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe('the test fixtures', () => {
  it("lists the repository's own copy of the examples, with scenarios in each", () => {
    expect(caseNames()).toEqual(expect.arrayContaining(['whitepaper-nurture', 'webinar-followup']));
    expect(scenarioCases().map((c) => c.name)).toContain('whitepaper-nurture/anna');
  });

  it('fails, naming the folder, instead of finding no case in a folder that does not exist', () => {
    const missing = join(empty, 'nowhere');
    expect(() => caseNames(missing)).toThrow(missing);
    expect(() => scenarioCases(missing)).toThrow(/No example cases found/);
  });

  it('fails, naming the folder, when the cases have no scenario', () => {
    mkdirSync(join(empty, 'a-case'));
    writeFileSync(join(empty, 'a-case', 'flow.json'), '{}');
    expect(() => scenarioCases(empty)).toThrow(`No *.scenario.json found in the cases of ${empty}`);
  });

  it('fails, naming the path, for a fixture file that is absent', () => {
    expect(() => fixturePath('whitepaper-nurture', 'zoe.scenario.json')).toThrow(
      /test\/fixtures\/examples\/whitepaper-nurture\/zoe\.scenario\.json is missing/,
    );
  });

  it("looks for the contract's examples beside the repository, never inside it", () => {
    expect(sharedExamplesDir.endsWith('/shared/examples')).toBe(true);
    expect(sharedExamplesDir).not.toContain('/test/fixtures/');
  });
});
