import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { fixturesDir } from '../../../test/fixtures.ts';

const examples = fixturesDir;
const whitepaper = join(examples, 'whitepaper-nurture/flow.json');
const anna = join(examples, 'whitepaper-nurture/anna.scenario.json');
const tmp = mkdtempSync(join(tmpdir(), 'hourglass-cli-'));
const file = (name: string, content: unknown) => {
  const p = join(tmp, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

describe('hourglass validate', () => {
  it('says a valid flow is valid and exits 0', async () => {
    const r = await cli('validate', whitepaper);
    expect(r).toMatchObject({ status: 0, out: expect.stringContaining('valid (0 errors, 0 warnings)') });
  });

  it('lists every problem of a broken flow at once and exits 1', async () => {
    const broken = JSON.parse(JSON.stringify(await import(whitepaper, { with: { type: 'json' } }).then((m) => m.default)));
    broken.nodes[2].config.timeout = 'three days';
    broken.edges.push({ from: 'nowhere', to: 'done' });
    const r = await cli('validate', file('broken.flow.json', broken));
    expect(r.status).toBe(1);
    expect(r.err).toContain('2 errors');
    expect(r.err).toContain('/nodes/2/config/timeout');
    expect(r.err).toContain('[bad-duration]');
    expect(r.err).toContain('[edge-missing-node]');
  });

  it('refuses a negative wait and a wait longer than 10 years, and exits 1', async () => {
    const broken = JSON.parse(readFileSync(whitepaper, 'utf8'));
    const wait = broken.nodes.findIndex((n: { type: string }) => n.type === 'wait');
    broken.nodes[wait].config = { for: '-P3D' };
    broken.nodes[2].config.timeout = 'P99999999999999D';
    const r = await cli('validate', file('negative.flow.json', broken));
    expect(r.status).toBe(1);
    expect(r.err).toContain(`/nodes/${wait}/config/for`);
    expect(r.err).toContain('[negative-duration]');
    expect(r.err).toContain('[duration-too-long]');
  });

  it('prints problems as JSON with --json', async () => {
    const r = await cli('validate', file('nojson.flow.json', '{ nope'), '--json');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.out)).toEqual([{ file: expect.any(String), ok: false, problems: [expect.objectContaining({ code: 'not-json' })] }]);
  });

  it('explains a missing file instead of failing with a stack trace', async () => {
    const r = await cli('validate', join(tmp, 'missing.flow.json'));
    expect(r.status).toBe(1);
    expect(r.err).toContain('there is no such file');
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a document of another format', async () => {
    const r = await cli('validate', anna);
    expect(r.status).toBe(1);
    expect(r.err).toContain('[unknown-format]');
  });
});

describe('hourglass simulate', () => {
  it("prints a readable timeline in the flow's time zone by default", async () => {
    const r = await cli('simulate', join(examples, 'webinar-followup/flow.json'), '--scenario', join(examples, 'webinar-followup/ben-no-show.scenario.json'));
    expect(r.status).toBe(0);
    expect(r.out).toContain('times in Europe/Vienna');
    expect(r.out).toContain('held by the send window until Fri 13 Mar 2026, 09:00 GMT+1');
    expect(r.out).toContain('Result: completed');
  });

  it('uses the scoring.json beside the flow unless --scoring says otherwise', async () => {
    const withBeside = JSON.parse((await cli('simulate', whitepaper, '--scenario', anna, '--json')).out);
    expect(withBeside.contact.score).toBe(45);
    const zero = file('zero.scoring.json', { format: 'hourglass.scoring/1', fit: [], behaviour: [] });
    const without = JSON.parse((await cli('simulate', whitepaper, '--scenario', anna, '--scoring', zero, '--json')).out);
    expect(without.contact.score).toBe(0);
  });

  it('exits 1 with the problems when the scenario is invalid', async () => {
    const r = await cli(
      'simulate',
      whitepaper,
      '--scenario',
      file('bad.scenario.json', { format: 'hourglass.scenario/1', start: 'soon', contact: {}, horizon: 'P1Y' }),
    );
    expect(r.status).toBe(1);
    expect(r.err).toContain('/start');
    expect(r.err).toContain('/contact/id');
    expect(r.err).toContain('/horizon');
  });

  it('exits 1 with a sentence naming the step limit when the flow loops through a one-second wait', async () => {
    const loop = file('loop.flow.json', {
      format: 'hourglass.flow/1',
      id: 'loop',
      name: 'Loop',
      settings: {},
      nodes: [
        { id: 'start', type: 'trigger', config: { on: 'manual' } },
        { id: 'tick', type: 'wait', config: { for: 'PT1S' } },
        { id: 'add', type: 'update', config: { addScore: 1 } },
      ],
      edges: [
        { from: 'start', to: 'tick' },
        { from: 'tick', to: 'add' },
        { from: 'add', to: 'tick' },
      ],
    });
    const r = await cli(
      'simulate',
      loop,
      '--scenario',
      file('loop.scenario.json', { format: 'hourglass.scenario/1', start: '2026-03-02T08:00:00Z', contact: { id: 'c' }, enrol: true, horizon: 'P14D' }),
    );
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/^hourglass: The simulation stopped at .* after 10,000 steps/);
  });

  it('exits 1 when the scenario enrols by hand a flow without a manual trigger', async () => {
    const r = await cli(
      'simulate',
      whitepaper,
      '--scenario',
      file('enrol.scenario.json', { format: 'hourglass.scenario/1', start: '2026-03-02T08:00:00Z', contact: { id: 'c' }, enrol: true, horizon: 'P1D' }),
    );
    expect(r.status).toBe(1);
    expect(r.err).toContain('no manual trigger');
  });

  it('exits 2 for a wrong command line', async () => {
    expect((await cli('simulate', whitepaper)).status).toBe(2);
    expect((await cli('simulate', whitepaper, '--scenario', anna, '--colour')).status).toBe(2);
    expect((await cli('frobnicate')).status).toBe(2);
    expect((await cli()).status).toBe(2);
  });
});

describe('hourglass compile', () => {
  it('prints the compiled machine config as JSON', async () => {
    const r = await cli('compile', whitepaper);
    expect(r.status).toBe(0);
    const compiled = JSON.parse(r.out);
    expect(compiled.machine.id).toBe('flow');
    expect(Object.keys(compiled.delays)).toEqual(['timeout:engaged', 'wait:wait-4d']);
  });
});

describe('hourglass forecast', () => {
  it('prints the forecast document with --json, the same for the same seed', async () => {
    const a = await cli('forecast', whitepaper, '--contacts', '300', '--seed', '5', '--json');
    expect(a.status).toBe(0);
    const doc = JSON.parse(a.out);
    expect(doc).toMatchObject({ format: 'hourglass.forecast/1', contacts: 300, seed: 5 });
    expect(Object.values(doc.outcomes as Record<string, number>).reduce((x, y) => x + y, 0)).toBe(300);
    expect((await cli('forecast', whitepaper, '--contacts', '300', '--seed', '5', '--json')).out).toBe(a.out);
  });

  it('prints a readable report by default', async () => {
    const r = await cli('forecast', whitepaper, '--contacts', '50');
    expect(r.out).toContain('Forecast for Whitepaper download');
    expect(r.out).toContain('Outcomes');
    // The default cohort has no company size or industry: the fit rules cannot score it.
    expect(r.out).toContain('No synthetic contact meets “Score ≥ 40?”: fit rules need employees, industry, which the cohort does not set');
  });

  it('refuses a bad contact count and an invalid model', async () => {
    expect((await cli('forecast', whitepaper, '--contacts', 'lots')).status).toBe(2);
    const model = file('bad.engagement.json', { format: 'hourglass.engagement/1', emails: { default: { open: { probability: 2 } } } });
    const r = await cli('forecast', whitepaper, '--model', model);
    expect(r.status).toBe(1);
    expect(r.err).toContain('/emails/default/open/probability');
  });
});

describe('hourglass test', () => {
  it('passes the scenarios whose traces are unchanged and lists what changed for the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hourglass-test-'));
    const flowDoc = JSON.parse(readFileSync(whitepaper, 'utf8'));
    writeFileSync(join(dir, 'nurture.flow.json'), JSON.stringify(flowDoc));
    writeFileSync(join(dir, 'nurture.anna.scenario.json'), readFileSync(anna, 'utf8'));
    writeFileSync(join(dir, 'scoring.json'), readFileSync(join(examples, 'whitepaper-nurture/scoring.json'), 'utf8'));
    expect((await cli('test', join(dir, 'nurture.flow.json'))).status).toBe(1); // no expected trace yet
    expect((await cli('test', join(dir, 'nurture.flow.json'), '--update')).status).toBe(0);
    expect(await cli('test', join(dir, 'nurture.flow.json'))).toMatchObject({ status: 0, out: expect.stringContaining('1 passed, 0 failed') });
    flowDoc.nodes[6].config.if.score.gte = 90; // Anna no longer qualifies for sales
    writeFileSync(join(dir, 'nurture.flow.json'), JSON.stringify(flowDoc));
    const r = await cli('test', join(dir, 'nurture.flow.json'));
    expect(r.status).toBe(1);
    expect(r.err).toContain('CHANGED nurture.anna');
    expect(r.err).toContain('Anna is no longer handed to dach@example.com at “Hand off to sales” on 3 Mar at 08:00.');
  });
});
