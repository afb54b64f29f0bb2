import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, welcomeFlow, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const codes = (problems: { code: string; severity: string }[], severity: string) => problems.filter((p) => p.severity === severity).map((p) => p.code);

describe('what the server refuses to publish', () => {
  it('refuses to publish a negative wait or one longer than 10 years, naming the problem', async () => {
    t = createTestApp();
    for (const [id, wait] of [
      ['negative', '-P3D'],
      ['endless', 'P99999999999999D'],
    ] as const) {
      const flow = welcomeFlow(id);
      flow.nodes[2] = { id: 'wait', type: 'wait', config: { for: wait } };
      const saved = await t.call('PUT', `/api/flows/${id}`, flow);
      expect(codes(saved.body.problems, 'error')).toEqual([wait === '-P3D' ? 'negative-duration' : 'duration-too-long']);
      const published = await t.call('POST', `/api/flows/${id}/publish`, {});
      expect(published.status).toBe(422);
      expect(published.body.problems[0]).toMatchObject({ pointer: '/nodes/2/config/for', nodeId: 'wait' });
    }
  });
});
