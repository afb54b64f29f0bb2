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

  it('refuses to publish an email without a subject', async () => {
    t = createTestApp();
    const flow = welcomeFlow('no-subject');
    flow.nodes[3] = { id: 'again', type: 'sendEmail', config: { subject: ' ', body: 'Still here?' } };
    const saved = await t.call('PUT', '/api/flows/no-subject', flow);
    expect(codes(saved.body.problems, 'error')).toEqual(['empty-subject']);
    const published = await t.call('POST', '/api/flows/no-subject/publish', {});
    expect(published.status).toBe(422);
    expect(published.body.problems[0]).toMatchObject({ code: 'empty-subject', pointer: '/nodes/3/config/subject', nodeId: 'again' });
  });

  it('warns on save about an email variable no contact has, suggesting the property seen on contacts, and still publishes', async () => {
    t = createTestApp();
    await t.call('PUT', '/api/contacts/c-1', { email: 'ann@example.com', properties: { firstName: 'Ann', plan: 'pro' } });
    expect((await t.call('GET', '/api/properties')).body.names).toEqual(['firstName', 'plan']);
    const flow = welcomeFlow('typo');
    flow.nodes[3] = { id: 'again', type: 'sendEmail', config: { subject: 'Hi {{ contact.frstName }}, still there?', body: 'Your {{ contact.plan }} plan' } };
    const saved = await t.call('PUT', '/api/flows/typo', flow);
    expect(saved.body.problems).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'unknown-variable', pointer: '/nodes/3/config/subject', nodeId: 'again' }),
    ]);
    expect(saved.body.problems[0].message).toContain('Did you mean firstName?');
    expect((await t.call('GET', '/api/flows/typo')).body.problems).toEqual(saved.body.problems);
    // A warning does not stop publishing.
    expect((await t.call('POST', '/api/flows/typo/publish', {})).status).toBe(201);
  });

  it('reports no email variable while the workspace has no contact to compare with', async () => {
    t = createTestApp();
    expect((await t.call('GET', '/api/properties')).body).toEqual({ names: null });
    const flow = welcomeFlow('fresh');
    flow.nodes[3] = { id: 'again', type: 'sendEmail', config: { subject: 'Hi {{ contact.frstName }}', body: 'Hello' } };
    expect((await t.call('PUT', '/api/flows/fresh', flow)).body.problems).toEqual([]);
  });
});
