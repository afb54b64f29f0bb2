// Where the tests find their example documents. The repository keeps its own copy of the
// conformance examples (test/fixtures/examples/<case>/…) so that every test runs from a clone
// alone; only the conformance tests read ../shared/examples, as the contract asks, and
// conformance.test.ts checks that the copy still equals it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** The repository's copy of the conformance examples, one folder per case. */
export const fixturesDir = join(repoRoot, 'test/fixtures/examples');
/** The contract's examples beside the repository: only the conformance tests read them. */
export const sharedExamplesDir = join(repoRoot, '../shared/examples');

/** The absolute path of a fixture file; throws, naming the path, when it is absent. */
export function fixturePath(caseName: string, file = ''): string {
  const path = join(fixturesDir, caseName, file);
  if (!existsSync(path)) throw new Error(`The test fixture ${path} is missing: copy it from ../shared/examples/${caseName}/${file}.`);
  return path;
}

/** The text of a fixture file. */
export function readFixtureText(caseName: string, file: string): string {
  return readFileSync(fixturePath(caseName, file), 'utf8');
}

/** A fixture file parsed as JSON. */
export function readFixture<T = any>(caseName: string, file: string): T {
  return JSON.parse(readFixtureText(caseName, file)) as T;
}

/** The case folders under `dir`; throws, naming the folder, when there are none. */
export function caseNames(dir = fixturesDir): string[] {
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  if (names.length === 0) throw new Error(`No example cases found in ${dir}: the tests need at least one folder with a flow.json there.`);
  return names;
}

/**
 * The contract's scenarios in ../shared/examples, for the conformance tests only; throws, saying
 * where it looked, when they are absent, so that conformance never passes by running nothing.
 */
export function sharedScenarioCases(): ExampleScenario[] {
  try {
    return scenarioCases(sharedExamplesDir);
  } catch (e) {
    throw new Error(`The conformance tests need the contract's examples beside the repository (../shared/examples): ${(e as Error).message}`);
  }
}

export interface ExampleScenario {
  /** `<case>/<scenario>`, e.g. `whitepaper-nurture/anna`. */
  name: string;
  dir: string;
  base: string;
}

/** Every `<case>/<name>.scenario.json` under `dir`; throws, naming the folder, when there is none. */
export function scenarioCases(dir = fixturesDir): ExampleScenario[] {
  const cases = caseNames(dir).flatMap((c) =>
    readdirSync(join(dir, c))
      .filter((f) => f.endsWith('.scenario.json'))
      .sort()
      .map((f) => ({ name: `${c}/${f.replace('.scenario.json', '')}`, dir: join(dir, c), base: f.replace('.scenario.json', '') })),
  );
  if (cases.length === 0) throw new Error(`No *.scenario.json found in the cases of ${dir}.`);
  return cases;
}
