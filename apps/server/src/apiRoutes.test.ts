import { afterEach, describe, expect, it } from 'vitest';
import { apiRoutes } from '@hourglass/api';
import { createTestApp, type TestApp } from './testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

// The table of @hourglass/api is what the web client calls and what the OpenAPI document says:
// it must be exactly the routes the app serves.
describe('the table of API routes', () => {
  const served = (app: TestApp['app']) =>
    new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path.replace(/\/$/, '')}`));
  const tabled = new Set(Object.values(apiRoutes).map((r) => `${r.method} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`));

  it('holds every route the app serves, and only those', () => {
    t = createTestApp({ manualClock: true });
    expect([...served(t.app)].sort()).toEqual([...tabled].sort());
  });
});
