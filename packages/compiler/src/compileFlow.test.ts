import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readFlow } from '@hourglass/documents';
import { compileFlow, COMPLETED, TAG_INSTANT, TAG_LISTENING } from './compileFlow.ts';
import { caseNames, fixturePath } from '../../../test/fixtures.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const goldenDir = join(repo, 'packages/compiler/golden');
const update = process.env.UPDATE_GOLDEN === '1';

/** Every real flow: workflows/*.flow.json and the conformance examples (the repository's copy). */
function realFlows(): { name: string; file: string }[] {
  const workflows = existsSync(join(repo, 'workflows'))
    ? readdirSync(join(repo, 'workflows'))
        .filter((f) => f.endsWith('.flow.json'))
        .map((f) => ({ name: basename(f, '.flow.json'), file: join(repo, 'workflows', f) }))
    : [];
  const examples = caseNames().map((d) => ({ name: `example-${d}`, file: fixturePath(d, 'flow.json') }));
  return [...workflows, ...examples];
}

function load(file: string) {
  const r = readFlow(JSON.parse(readFileSync(file, 'utf8')));
  if (!r.ok) throw new Error(`${file} is invalid: ${r.problems.map((p) => p.message).join('; ')}`);
  return r.value;
}

describe('compileFlow golden files (UPDATE_GOLDEN=1 npx vitest run packages/compiler rewrites them)', () => {
  const flows = realFlows();
  it('has real flows to compile', () => {
    expect(flows.length).toBeGreaterThanOrEqual(3);
  });
  it.each(flows)('compiles $name exactly as its golden file says', ({ name, file }) => {
    const compiled = JSON.stringify(compileFlow(load(file)), null, 2) + '\n';
    const golden = join(goldenDir, `${name}.compiled.json`);
    if (update) {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(golden, compiled);
    }
    expect(existsSync(golden), `no golden file ${golden}: run UPDATE_GOLDEN=1 npx vitest run packages/compiler`).toBe(true);
    expect(compiled).toBe(readFileSync(golden, 'utf8'));
  });
});

describe('compileFlow', () => {
  const flow = load(fixturePath('whitepaper-nurture', 'flow.json'));
  const { machine, delays } = compileFlow(flow);

  it('makes one state per node, plus idle, completed and goal', () => {
    expect(Object.keys(machine.states).sort()).toEqual(['@completed', '@goal', '@idle', ...flow.nodes.map((n) => n.id)].sort());
  });

  it('refers to guards by name with the condition as params', () => {
    expect(machine.states.ready!.on!.STEP).toEqual([
      {
        guard: { type: 'condition', params: { if: { score: { gte: 40 } } } },
        target: '#flow.to-sales',
        actions: [{ type: 'leave', params: { node: 'ready', port: 'yes' } }],
      },
      { target: '#flow.last-chance', actions: [{ type: 'leave', params: { node: 'ready', port: 'no' } }] },
    ]);
  });

  it('turns waits and waitFor timeouts into named XState delays the engine computes', () => {
    expect(machine.states['wait-4d']!.after).toEqual({ 'wait:wait-4d': { target: '#flow.ready' } });
    expect(delays['wait:wait-4d']).toEqual({ type: 'wait', params: { node: 'wait-4d', wait: { for: 'P4D' }, timezone: 'UTC' } });
    expect(delays['timeout:engaged']).toEqual({ type: 'timeout', params: { duration: 'P3D' } });
  });

  it('tags instant nodes for the engine to step and waitFor for inputs', () => {
    expect(machine.states.welcome!.tags).toEqual([TAG_INSTANT]);
    expect(machine.states.engaged!.states!.waiting!.tags).toEqual([TAG_LISTENING]);
    expect(machine.states['wait-4d']!.tags).toBeUndefined();
  });

  it('ends the enrolment at a port with no edge', () => {
    const open = load(fixturePath('whitepaper-nurture', 'flow.json'));
    open.edges = open.edges.filter((e) => !(e.from === 'ready' && e.port === 'no'));
    const { machine: m } = compileFlow(open);
    expect((m.states.ready!.on!.STEP as { target: string }[])[1]!.target).toBe(`#flow.${COMPLETED}`);
  });

  it('holds emails for the send window only when the flow has one', () => {
    const withWindow = { ...flow, settings: { ...flow.settings, sendWindow: { days: ['mon' as const], from: '09:00', to: '17:00' } } };
    const { machine: m, delays: d } = compileFlow(withWindow);
    expect(Object.keys(m.states.welcome!.states!)).toEqual(['check', 'held']);
    expect(d['sendWindow:welcome']).toMatchObject({ type: 'sendWindow' });
  });

  it('is serialisable JSON: what `hourglass compile` prints is the whole machine', () => {
    const compiled = compileFlow(flow);
    expect(JSON.parse(JSON.stringify(compiled))).toEqual(compiled);
  });
});
