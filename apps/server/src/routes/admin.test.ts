import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, publishFlow, welcomeFlow, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

describe('the test clock', () => {
  it('exists only with HOURGLASS_CLOCK=manual', async () => {
    t = createTestApp();
    expect((await t.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' })).status).toBe(404);
  });

  it('sets any instant first, then only moves forward', async () => {
    t = createTestApp({ manualClock: true });
    expect((await t.call('POST', '/api/admin/clock', { now: '2030-01-01T00:00:00Z' })).body).toEqual({ now: '2030-01-01T00:00:00.000Z', fired: 0 });
    expect((await t.call('POST', '/api/admin/clock', { now: '2030-01-01T00:00:00Z' })).status).toBe(200);
    const back = await t.call('POST', '/api/admin/clock', { now: '2029-12-31T23:59:59Z' });
    expect(back.status).toBe(409);
    expect(back.body.error).toMatch(/only moves forward/);
    expect((await t.call('POST', '/api/admin/clock', { now: 'tomorrow' })).status).toBe(400);
  });

  it('answers once every timer due by then has fired, each once, at its own instant', async () => {
    t = createTestApp({ manualClock: true });
    await t.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
    await publishFlow(t, welcomeFlow());
    await t.call('POST', '/api/events', { events: ['a', 'b'].map((c) => ({ id: c, contactId: c, type: 'signup' })) });
    expect((await t.call('POST', '/api/admin/clock', { now: '2026-03-10T00:00:00Z' })).body.fired).toBe(2);
    expect((await t.call('POST', '/api/admin/clock', { now: '2026-03-20T00:00:00Z' })).body.fired).toBe(0);
    const day2 = (await t.call('GET', '/api/outbox')).body.emails.filter((m: { node: string }) => m.node === 'again');
    expect(day2.map((m: { at: string }) => m.at)).toEqual(['2026-03-03T08:00:00.000Z', '2026-03-03T08:00:00.000Z']);
  });
});
