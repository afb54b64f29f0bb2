import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFlow, readScoring } from '@hourglass/documents';
import { defaultEngagementModel, forecast } from '@hourglass/engine';
import { forecastInWorkers } from './forecastInWorkers.ts';
import { fixturePath } from '../../../test/fixtures.ts';

const flow = readFlow(JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'flow.json'), 'utf8')));
const scoring = readScoring(JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'scoring.json'), 'utf8')));

describe('forecastInWorkers', () => {
  it('gives exactly the numbers of a single-thread forecast, with progress from every worker', async () => {
    if (!flow.ok || !scoring.ok) throw new Error('invalid example');
    const options = { flow: flow.value, model: defaultEngagementModel, contacts: 9001, seed: 11, scoring: scoring.value };
    const progress: number[] = [];
    const parallel = await forecastInWorkers({ ...options, onProgress: (done) => progress.push(done) });
    expect(parallel).toEqual(forecast(options));
    expect(progress[progress.length - 1]).toBe(9001);
  });
});
