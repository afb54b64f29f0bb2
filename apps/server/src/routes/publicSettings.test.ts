import { afterEach, describe, expect, it } from 'vitest';
import { TEST_PUBLIC_URL, TEST_TOKEN, createTestApp, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

describe('GET /api/settings/public', () => {
  it('answers the public address links point to, not the one the request came through', async () => {
    t = createTestApp();
    const r = await t.app.request('http://127.0.0.1:8080/api/settings/public', { headers: { Authorization: `Bearer ${TEST_TOKEN}` } });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ publicUrl: TEST_PUBLIC_URL });
  });

  it('needs a sign-in', async () => {
    t = createTestApp();
    expect((await t.app.request('/api/settings/public')).status).toBe(401);
  });
});
