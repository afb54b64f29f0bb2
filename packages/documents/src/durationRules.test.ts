import { describe, expect, it } from 'vitest';
import { readScenario, readScoring } from './readDocument.ts';
import { validateFlow } from './validateFlow.ts';

/** start → a wait of `wait` → a waitFor with `timeout` → done. */
const flowWith = (wait: Record<string, unknown>, timeout = 'P3D') => ({
  format: 'hourglass.flow/1',
  id: 'f',
  name: 'F',
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'manual' } },
    { id: 'pause', type: 'wait', config: wait },
    { id: 'clicked', type: 'waitFor', config: { until: { event: { type: 'email_clicked' } }, timeout } },
    { id: 'done', type: 'exit', config: {} },
  ],
  edges: [
    { from: 'start', to: 'pause' },
    { from: 'pause', to: 'clicked' },
    { from: 'clicked', to: 'done', port: 'met' },
    { from: 'clicked', to: 'done', port: 'timeout' },
  ],
});
const errors = (doc: unknown) =>
  validateFlow(doc)
    .problems.filter((p) => p.severity === 'error')
    .map((p) => ({ code: p.code, pointer: p.pointer, nodeId: p.nodeId }));

describe('durations in documents', () => {
  it('refuse a negative wait and a negative timeout, each at its pointer, with a sentence that says what to write', () => {
    expect(errors(flowWith({ for: '-P3D' }, '-PT1H'))).toEqual([
      { code: 'negative-duration', pointer: '/nodes/1/config/for', nodeId: 'pause' },
      { code: 'negative-duration', pointer: '/nodes/2/config/timeout', nodeId: 'clicked' },
    ]);
    const message = validateFlow(flowWith({ for: '-P3D' })).problems[0]!.message;
    expect(message).toContain('write "P3D"');
  });

  it('accept a negative offset from a property, the only duration the spec lets carry a sign', () => {
    expect(errors(flowWith({ until: { property: 'webinarAt', offset: '-P1D' } }))).toEqual([]);
  });

  it('refuse a duration longer than 10 years, waits and offsets alike, and accept 10 years exactly', () => {
    expect(errors(flowWith({ for: 'P99999999999999D' }))).toEqual([{ code: 'duration-too-long', pointer: '/nodes/1/config/for', nodeId: 'pause' }]);
    expect(errors(flowWith({ until: { property: 'renewal', offset: '-P3651D' } }))).toEqual([
      { code: 'duration-too-long', pointer: '/nodes/1/config/until/offset', nodeId: 'pause' },
    ]);
    expect(errors(flowWith({ for: 'P3650D' }))).toEqual([]);
    expect(validateFlow(flowWith({ for: 'P3651D' })).problems[0]!.message).toContain('10 years (3,650 days)');
  });

  it('refuse a negative "within" of an event condition', () => {
    const doc = flowWith({ for: 'P1D' });
    (doc.nodes[2]!.config as Record<string, unknown>).until = { event: { type: 'email_clicked', within: '-P30D' } };
    expect(errors(doc)).toEqual([{ code: 'negative-duration', pointer: '/nodes/2/config/until/event/within', nodeId: 'clicked' }]);
  });

  it('refuse a negative expiry in a scoring model and a negative horizon in a scenario', () => {
    const scoring = readScoring({ format: 'hourglass.scoring/1', behaviour: [{ event: 'email_clicked', points: 5, expires: '-P90D' }] });
    expect(scoring.problems.map((p) => [p.code, p.pointer])).toEqual([['negative-duration', '/behaviour/0/expires']]);
    const scenario = readScenario({
      format: 'hourglass.scenario/1',
      start: '2026-03-02T08:00:00Z',
      contact: { id: 'c' },
      events: [{ at: '-P1D', type: 'page_viewed' }],
      horizon: '-P30D',
    });
    // An event a day before the start is history (an offset); the horizon counts forward.
    expect(scenario.problems.map((p) => [p.code, p.pointer])).toEqual([['negative-duration', '/horizon']]);
  });
});
