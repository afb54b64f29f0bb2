import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EngagementModel, readFlow, readScoring, type Flow } from '@hourglass/documents';
import { defaultEngagementModel } from './defaultEngagementModel.ts';
import { emptyTally, forecast, forecastDocument, forecastRange, mergeTally } from './forecast.ts';
import { contactRandom, pickWeighted } from './random.ts';
import { fixturePath } from '../../../test/fixtures.ts';

const read = <T>(r: { ok: boolean; value?: T }) => r.value as T;
const json = (p: string) => JSON.parse(readFileSync(fixturePath(p), 'utf8'));
const whitepaper: Flow = read(readFlow(json('whitepaper-nurture/flow.json')));
const mql: Flow = read(readFlow(json('mql-recycle/flow.json')));
const scoring = read(readScoring(json('whitepaper-nurture/scoring.json')));

const model = EngagementModel.parse({
  format: 'hourglass.engagement/1',
  arrivals: 'P7D',
  contacts: {
    stages: { lead: 3, subscriber: 1 },
    properties: {
      employees: { uniform: [1, 400], integer: true },
      country: { choice: { AT: 1, DE: 1, US: 2 } },
      industry: { choice: { software: 1, retail: 1 } },
    },
    withEmail: 0.95,
    unsubscribed: 0.05,
  },
  emails: { default: { open: { probability: 0.5, delay: 'PT2H' }, click: { probability: 0.3, delay: 'PT3H' } } },
  events: [{ type: 'webinar_attended', probability: 0.2, at: 'P2D' }],
});

describe('forecast', () => {
  const result = forecast({ flow: whitepaper, model, contacts: 600, seed: 42, scoring });

  it('counts every contact exactly once in the outcomes', () => {
    expect(Object.values(result.outcomes).reduce((a, b) => a + b, 0)).toBe(600);
  });

  it('conserves counts along edges: what enters a node is what the edges into it carried', () => {
    for (const n of whitepaper.nodes) {
      const into = result.edges.filter((e) => e.to === n.id).reduce((s, e) => s + e.taken, 0);
      const entered = result.nodes[n.id]!.entered;
      if (n.type === 'trigger') expect(into).toBe(0);
      else expect(entered).toBe(into);
      const out = result.edges.filter((e) => e.from === n.id).reduce((s, e) => s + e.taken, 0);
      expect(out).toBeLessThanOrEqual(entered);
    }
  });

  it('splits the cohort where the flow branches, by what the model says contacts do', () => {
    const met = result.edges.find((e) => e.from === 'engaged' && e.port === 'met')!.taken;
    const timeout = result.edges.find((e) => e.from === 'engaged' && e.port === 'timeout')!.taken;
    expect(met + timeout).toBe(600);
    expect(met / 600).toBeGreaterThan(0.2);
    expect(met / 600).toBeLessThan(0.4);
    expect(Object.keys(result.handoffs).sort()).toEqual(['dach@example.com', 'sales@example.com']);
    expect(result.timeToHandoffHours.count).toBe(Object.values(result.handoffs).reduce((a, b) => a + b, 0));
    expect(result.emails.suppressed).toBeGreaterThan(0);
  });

  it('gives the same numbers for the same seed and different ones for another', () => {
    expect(forecast({ flow: whitepaper, model, contacts: 600, seed: 42, scoring })).toEqual(result);
    expect(forecast({ flow: whitepaper, model, contacts: 600, seed: 43, scoring })).not.toEqual(result);
  });

  it('adds up to the same forecast when split into parts, as workers do', () => {
    const a = forecastRange({ flow: whitepaper, model, contacts: 600, seed: 42, scoring }, 0, 250);
    const b = forecastRange({ flow: whitepaper, model, contacts: 600, seed: 42, scoring }, 250, 600);
    expect(forecastDocument(whitepaper, mergeTally(mergeTally(emptyTally(whitepaper), a), b), 42)).toEqual(result);
  });

  it('counts contacts that never enter as not enrolled', () => {
    const r = forecast({ flow: mql, model: { ...defaultEngagementModel }, contacts: 50, seed: 1 });
    expect(r.outcomes['not-enrolled']).toBe(50);
    expect(Object.values(r.nodes).every((n) => n.entered === 0)).toBe(true);
  });

  it('reports progress as it goes', () => {
    const seen: number[] = [];
    forecast({ flow: whitepaper, model, contacts: 1200, seed: 1, scoring, onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([500, 1000, 1200]);
  });
});

describe('random sources', () => {
  it("replays a contact's numbers from the seed and index alone", () => {
    const a = contactRandom(9, 3);
    const b = contactRandom(9, 3);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('picks weighted keys in proportion', () => {
    const r = contactRandom(1, 1);
    let a = 0;
    for (let i = 0; i < 2000; i++) if (pickWeighted({ a: 3, b: 1 }, r) === 'a') a++;
    expect(a / 2000).toBeGreaterThan(0.7);
    expect(a / 2000).toBeLessThan(0.8);
  });
});
