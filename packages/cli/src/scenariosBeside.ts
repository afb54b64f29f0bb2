import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The scenarios kept with a flow: `<name>.<who>.scenario.json` beside `<name>.flow.json`, or
 * every `*.scenario.json` beside a flow file named `flow.json`; each with its `.expected.json`.
 */
export function scenariosBeside(flowFile: string): { name: string; scenario: string; expected: string }[] {
  const dir = dirname(flowFile);
  const file = basename(flowFile);
  const prefix = file === 'flow.json' ? '' : `${file.replace(/\.flow\.json$|\.json$/, '')}.`;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.scenario.json') && f.startsWith(prefix))
    .sort()
    .map((f) => {
      const name = f.replace(/\.scenario\.json$/, '');
      return { name, scenario: join(dir, f), expected: join(dir, `${name}.expected.json`) };
    });
}
