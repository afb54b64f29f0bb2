import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Flow, readScoring } from '@hourglass/documents';
import { defaultEngagementModel, forecast } from '@hourglass/engine';
import { forecastCsv } from './forecastCsv.ts';
import { ForecastCollector, workerCount } from './forecastCollector.ts';
import { forecastRange } from '@hourglass/engine';
import { fixturePath } from '../../../../test/fixtures.ts';

const read = (name: string) => JSON.parse(readFileSync(fixturePath('whitepaper-nurture', name), 'utf8'));
const flow = Flow.parse(read('flow.json'));
const scoring = readScoring(read('scoring.json'));
if (!scoring.ok) throw new Error('the scoring model must be valid');
const options = { flow, model: defaultEngagementModel, contacts: 120, seed: 7, scoring: scoring.value };

/** Runs a forecast through a collector as the workers would, tallies coming back in `order`. */
function collected(request: typeof options, chunk: number, order: (ranges: { from: number; to: number }[]) => { from: number; to: number }[] = (r) => r) {
  const collector = new ForecastCollector(request, chunk);
  const ranges: { from: number; to: number }[] = [];
  for (let r = collector.take(); r; r = collector.take()) ranges.push(r);
  const progress = order(ranges).map(({ from, to }) => collector.add(from, to, forecastRange(request, from, to)));
  return { forecast: collector.document(), progress, complete: collector.complete, ranges };
}

describe('ForecastCollector', () => {
  it("hands out every contact once and, with tallies back in any order, gives the engine's forecast for the seed", () => {
    const inOrder = collected(options, 50);
    expect(inOrder.ranges).toEqual([
      { from: 0, to: 50 },
      { from: 50, to: 100 },
      { from: 100, to: 120 },
    ]);
    expect(inOrder.progress).toEqual([50, 100, 120]);
    expect(inOrder.complete).toBe(true);
    expect(inOrder.forecast).toEqual(forecast(options));
    const reversed = collected(options, 50, (r) => [...r].reverse());
    expect(reversed.progress).toEqual([20, 70, 120]);
    expect(reversed.forecast).toEqual(forecast(options));
  });

  it('is not complete until every range is back', () => {
    const collector = new ForecastCollector(options, 100);
    const first = collector.take()!;
    collector.take();
    collector.add(first.from, first.to, forecastRange(options, first.from, first.to));
    expect(collector.complete).toBe(false);
    expect(collector.take()).toBeUndefined();
  });

  it('gives different numbers for another seed', () => {
    expect(collected({ ...options, seed: 8 }, 50).forecast.edges).not.toEqual(collected(options, 50).forecast.edges);
  });

  it('starts one worker per core, at most eight, and none idle for want of contacts', () => {
    expect(workerCount(100_000, 2, 500)).toBe(2);
    expect(workerCount(100_000, 32, 500)).toBe(8);
    expect(workerCount(300, 4, 500)).toBe(1);
    expect(workerCount(1200, 4, 500)).toBe(3);
  });
});

describe('forecastCsv', () => {
  it('has one row per node, edge, outcome, owner and figure, with the numbers of the document', () => {
    const f = collected(options, 50).forecast;
    const lines = forecastCsv(f).trim().split('\n');
    expect(lines[0]).toBe('kind,id,from,port,to,count');
    expect(lines).toContain(`node,welcome,,,,${f.nodes.welcome!.entered}`);
    const met = f.edges.find((e) => e.port === 'met')!;
    expect(lines).toContain(`edge,engaged.met→case-study,engaged,met,case-study,${met.taken}`);
    expect(lines.filter((l) => l.startsWith('node,'))).toHaveLength(flow.nodes.length);
    expect(lines.filter((l) => l.startsWith('edge,'))).toHaveLength(flow.edges.length);
  });
});
