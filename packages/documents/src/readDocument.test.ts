import { describe, expect, it } from 'vitest';
import { parseJson, readFlow, readScenario, readScoring } from './readDocument.ts';

describe('reading documents', () => {
  it('reports JSON syntax errors as a problem', () => {
    const r = parseJson('{"format": ');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toMatchObject({ code: 'not-json', message: expect.stringMatching(/not valid JSON/) });
  });

  it('refuses a "__proto__" key anywhere, however it is spelled, rather than dropping it', () => {
    for (const [text, pointer] of [
      ['{"properties": {"__proto__": {"isAdmin": true}}}', '/properties/__proto__'],
      ['{"events": [{"properties": {"\\u005f_proto__": "x"}}]}', '/events/0/properties/__proto__'],
      ['{"__proto__": 1}', '/__proto__'],
    ] as const) {
      const r = parseJson(text);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.problem).toMatchObject({ code: 'reserved-key', pointer, message: expect.stringMatching(/"__proto__" cannot be used as a name/) });
    }
    expect(parseJson('{"text": "__proto__ is fine as a value", "constructor": 1}')).toMatchObject({ ok: true });
    expect(parseJson(`${'['.repeat(50_000)}"\\u0041"${']'.repeat(50_000)}`).ok).toBe(true);
  });

  it('says which document it got when it needs another kind', () => {
    const r = readFlow({ format: 'hourglass.scenario/1' });
    expect(r.problems[0]).toMatchObject({ code: 'unknown-format', message: expect.stringMatching(/scenario document.*flow/) });
  });

  it('refuses a format it does not know', () => {
    expect(readScoring({ format: 'hourglass.scoring/2', fit: [] }).problems[0]!.code).toBe('unknown-format');
  });

  it('fills the defaults of a scenario and its contact', () => {
    const r = readScenario({ format: 'hourglass.scenario/1', start: '2026-03-02T08:00:00Z', horizon: 'P30D', contact: { id: 'c' } });
    expect(r.ok && r.value).toMatchObject({ enrol: false, events: [], contact: { stage: 'subscriber', owner: null, properties: {} } });
  });

  it('refuses a scenario event time that is neither a duration nor an instant', () => {
    const r = readScenario({
      format: 'hourglass.scenario/1',
      start: '2026-03-02T08:00:00Z',
      horizon: 'P30D',
      contact: { id: 'c' },
      events: [{ at: 'tomorrow', type: 'x' }],
    });
    expect(r.problems).toEqual([expect.objectContaining({ code: 'bad-at', pointer: '/events/0/at' })]);
  });
});
