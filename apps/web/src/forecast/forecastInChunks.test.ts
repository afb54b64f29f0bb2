import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Flow, readScoring } from '@hourglass/documents';
import { defaultEngagementModel, forecast } from '@hourglass/engine';
import { forecastCsv } from './forecastCsv.ts';
import { forecastInChunks } from './forecastInChunks.ts';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../../../../shared/examples/whitepaper-nurture/${name}`, import.meta.url), 'utf8'));
const flow = Flow.parse(read('flow.json'));
const scoring = readScoring(read('scoring.json'));
if (!scoring.ok) throw new Error('the scoring model must be valid');
const options = { flow, model: defaultEngagementModel, contacts: 120, seed: 7, scoring: scoring.value };

describe('forecastInChunks', () => {
  it('gives the same forecast as the engine in one go for the same seed, reporting progress after every chunk', () => {
    const progress: number[] = [];
    const chunked = forecastInChunks(options, 50, (done) => progress.push(done));
    expect(chunked).toEqual(forecast(options));
    expect(progress).toEqual([50, 100, 120]);
  });

  it('gives different numbers for another seed', () => {
    expect(forecastInChunks({ ...options, seed: 8 }, 50, () => {}).edges).not.toEqual(forecastInChunks(options, 50, () => {}).edges);
  });
});

describe('forecastCsv', () => {
  it('has one row per node, edge, outcome, owner and figure, with the numbers of the document', () => {
    const f = forecastInChunks(options, 50, () => {});
    const lines = forecastCsv(f).trim().split('\n');
    expect(lines[0]).toBe('kind,id,from,port,to,count');
    expect(lines).toContain(`node,welcome,,,,${f.nodes.welcome!.entered}`);
    const met = f.edges.find((e) => e.port === 'met')!;
    expect(lines).toContain(`edge,engaged.met→case-study,engaged,met,case-study,${met.taken}`);
    expect(lines.filter((l) => l.startsWith('node,'))).toHaveLength(flow.nodes.length);
    expect(lines.filter((l) => l.startsWith('edge,'))).toHaveLength(flow.edges.length);
  });
});
