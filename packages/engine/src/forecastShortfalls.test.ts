import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EngagementModel, readFlow, readScoring, type Flow } from '@hourglass/documents';
import { defaultEngagementModel } from './defaultEngagementModel.ts';
import { forecast } from './forecast.ts';
import { forecastShortfalls, propertiesRead } from './forecastShortfalls.ts';
import { fixturePath } from '../../../test/fixtures.ts';

const read = <T>(r: { ok: boolean; value?: T }) => r.value as T;
const json = (p: string) => JSON.parse(readFileSync(fixturePath(p), 'utf8'));
const whitepaper: Flow = read(readFlow(json('whitepaper-nurture/flow.json')));
const scoring = read(readScoring(json('whitepaper-nurture/scoring.json')));

/** The default model with nine clicks in ten, and the contacts given. */
const eager = (contacts: Partial<EngagementModel['contacts']> = {}): EngagementModel => ({
  ...defaultEngagementModel,
  contacts: { ...defaultEngagementModel.contacts, ...contacts },
  emails: { ...defaultEngagementModel.emails, default: { open: { probability: 0.9, delay: 'PT1H' }, click: { probability: 0.9, delay: 'PT2H' } } },
});

describe('forecastShortfalls', () => {
  it('explains why nobody reaches sales even when nine in ten click: the fit rules read properties the cohort does not set', () => {
    const model = eager();
    const f = forecast({ flow: whitepaper, model, contacts: 150, seed: 1, scoring });
    expect(f.nodes['to-sales']!.entered).toBe(0);
    const shortfalls = forecastShortfalls(whitepaper, f, model, scoring);
    expect(shortfalls.map((s) => s.node)).toEqual(['ready']);
    expect(shortfalls[0]).toMatchObject({ missingProperties: ['employees', 'industry'], missingEvents: ['webinar_attended'], asksStage: false });
    expect(shortfalls[0]!.sentence).toBe(
      'No synthetic contact meets “Score ≥ 40?”: fit rules need employees, industry, which the cohort does not set; behaviour rules count webinar_attended, which no synthetic contact does.',
    );
  });

  it('finds nothing to explain once the cohort has the company size and industry the fit rules read', () => {
    const model = eager({ properties: { employees: { uniform: [10, 500], integer: true }, industry: { choice: { software: 2, retail: 1 } } } });
    const f = forecast({ flow: whitepaper, model, contacts: 150, seed: 1, scoring });
    expect(f.nodes['to-sales']!.entered).toBeGreaterThan(0);
    expect(forecastShortfalls(whitepaper, f, model, scoring)).toEqual([]);
  });

  it('explains a score trigger nobody enters by, a stage condition nobody meets and a waitFor nobody meets', () => {
    const edit = (id: string, change: object) => ({ ...whitepaper, nodes: whitepaper.nodes.map((n) => (n.id === id ? { ...n, ...change } : n)) }) as Flow;
    const byScore = edit('start', { config: { on: 'score', gte: 30 } });
    const none = forecast({ flow: byScore, model: eager(), contacts: 50, seed: 1, scoring });
    expect(forecastShortfalls(byScore, none, eager(), scoring).map((s) => s.sentence)).toEqual([
      'No synthetic contact enters by “Whitepaper form submitted”: fit rules need employees, industry, which the cohort does not set; behaviour rules count form_submitted, webinar_attended, which no synthetic contact does.',
    ]);
    const byStage = edit('ready', { label: 'Sales-ready?', config: { if: { stage: { gte: 'sql' } } } });
    const leads = forecast({ flow: byStage, model: eager(), contacts: 50, seed: 1, scoring });
    expect(forecastShortfalls(byStage, leads, eager(), scoring).map((s) => s.sentence)).toEqual([
      'No synthetic contact meets “Sales-ready?”: it asks for a stage: check the cohort’s stage mix.',
    ]);
    const silent: EngagementModel = { ...defaultEngagementModel, emails: { default: {}, nodes: {} } };
    const f = forecast({ flow: whitepaper, model: silent, contacts: 50, seed: 1, scoring });
    expect(forecastShortfalls(whitepaper, f, silent, scoring).find((s) => s.node === 'engaged')?.sentence).toBe(
      'No synthetic contact meets “Clicked within 3 days?”: it waits for email_clicked, which no synthetic contact does.',
    );
  });

  it('lists the properties the flow and its fit rules read, for the cohort to set', () => {
    expect(propertiesRead(whitepaper, scoring)).toEqual(['country', 'employees', 'industry']);
    expect(propertiesRead(whitepaper)).toEqual(['country']);
  });
});
