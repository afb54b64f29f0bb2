import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFlowFile } from './readFlowFile.ts';
import { fixturePath } from '../../../../test/fixtures.ts';

const exampleText = readFileSync(fixturePath('whitepaper-nurture', 'flow.json'), 'utf8');

describe('readFlowFile', () => {
  it('accepts a valid flow file', () => {
    const r = readFlowFile(exampleText);
    expect(r.ok && r.flow.id).toBe('whitepaper-nurture');
  });

  it('refuses a file that is not JSON, with a sentence', () => {
    const r = readFlowFile('{ nope');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]!.message).toMatch(/^This file is not valid JSON/);
  });

  it('refuses a flow with errors and lists every problem', () => {
    const broken = JSON.parse(exampleText);
    broken.nodes[5].config.for = 'P1M';
    broken.edges.push({ from: 'done', to: 'start' });
    const r = readFlowFile(JSON.stringify(broken));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['bad-duration', 'edge-out-of-exit', 'edge-into-trigger']));
  });
});
