// The editor on PostgreSQL, in headless Chromium: a worker started as `npm start` does with
// HOURGLASS_DB=postgres://… serves the web app; signing in through the link, a marketer opens a
// flow, changes a step and publishes it, and the new version is in the database every worker
// reads. Without PostgreSQL this file fails, saying so.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Flow, type FlowNode } from '@hourglass/documents';
import { createTestSchema, type TestSchema } from '../apps/server/src/pg/pgTestSchema.ts';
import { artifacts } from './launchChromium.ts';
import { e2eUnavailable, startServer, type RunningServer } from './e2eServer.ts';
import { serverApi, useE2eSession } from './e2eHarness.ts';
import { fixturePath } from './fixtures.ts';

const example = Flow.parse(JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'flow.json'), 'utf8')));
const unavailable = e2eUnavailable();
const SLOW = { timeout: 10_000 };

if (unavailable) {
  describe.skip(`the editor on PostgreSQL end to end (skipped: ${unavailable})`, () => {
    it('publishes a flow', () => {});
  });
} else {
  describe('the editor on PostgreSQL, in Chromium', () => {
    let schema: TestSchema;
    let server: RunningServer;
    let page: Page;
    const { ok: call } = serverApi(() => server);

    // Registered first, so it runs last (Vitest runs after-hooks in reverse): once the server has stopped.
    afterAll(async () => {
      await schema?.drop();
    });
    useE2eSession((s) => ({ server, page } = s), {
      // The sources through tsx, as `npm start` runs them.
      start: async () => {
        schema = await createTestSchema();
        return startServer(inject('webDist'), undefined, { HOURGLASS_DB: schema.url, HOURGLASS_PG_SCHEMA: schema.schema });
      },
    });

    it('lets a marketer change a published flow and publish the change', async () => {
      const flow: Flow = {
        ...example,
        nodes: example.nodes.map((n): FlowNode => (n.id === 'wait-4d' ? { ...n, label: 'Give them time' } : n)),
      };
      await call('POST', '/flows', flow);
      await call('POST', '/flows/whitepaper-nurture/publish', { note: 'First' });

      await page.goto(`${server.baseUrl}/flows/whitepaper-nurture`);
      const badge = page.getByTestId('published-badge');
      await expect.poll(() => badge.textContent(), SLOW).toBe('Published v1');
      await page.locator('.react-flow__node[data-id="wait-4d"]').click();
      await page.getByTestId('node-inspector').getByLabel('Duration', { exact: true }).fill('5');
      await expect.poll(() => badge.textContent(), SLOW).toBe('Draft differs from v1');

      await page.getByRole('button', { name: 'Publish…' }).click();
      const dialog = page.getByTestId('publish-dialog');
      await dialog.getByTestId('publish-changes').getByText('Wait “Give them time” changed from 4 days to 5 days').waitFor();
      await dialog.getByLabel('What changed? (optional)').fill('Five days');
      await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
      await expect.poll(() => badge.textContent(), SLOW).toBe('Published v2');
      await page.screenshot({ path: join(artifacts, 'pg-editor-published.png') });

      const versions = await call('GET', '/flows/whitepaper-nurture/versions');
      expect(versions.versions.map((v: { version: number; note: string | null }) => [v.version, v.note])).toEqual([
        [2, 'Five days'],
        [1, 'First'],
      ]);
      const v2 = await call('GET', '/flows/whitepaper-nurture/versions/2');
      expect(v2.flow.nodes.find((n: FlowNode) => n.id === 'wait-4d').config).toMatchObject({ for: 'P5D' });
    });
  });
}
