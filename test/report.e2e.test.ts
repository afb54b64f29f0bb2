// The report of a flow with traffic, in headless Chromium: from the flow list to the report page,
// its totals, emails table and split verdict, and the version filter.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifacts, cspViolations, desktopPage, connectChromium } from './launchChromium.ts';
import { e2eUnavailable, startServer, type RunningServer } from './e2eServer.ts';
import { serverApi } from './e2eHarness.ts';

const unavailable = e2eUnavailable();

/** signup → split ab (a: mailA, b: mailB) → wait a day → exit. Goal: customer. */
const abFlow = {
  format: 'hourglass.flow/1',
  id: 'ab-report',
  name: 'AB report',
  settings: { goal: { stage: { gte: 'customer' } } },
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'event', event: 'signup' } },
    {
      id: 'ab',
      type: 'split',
      config: {
        branches: [
          { key: 'a', weight: 50 },
          { key: 'b', weight: 50 },
        ],
      },
    },
    { id: 'mailA', type: 'sendEmail', config: { subject: 'A', body: 'Variant A' } },
    { id: 'mailB', type: 'sendEmail', config: { subject: 'B', body: 'Variant B' } },
    { id: 'waitA', type: 'wait', config: { for: 'P1D' } },
    { id: 'waitB', type: 'wait', config: { for: 'P1D' } },
    { id: 'done', type: 'exit', config: {} },
  ],
  edges: [
    { from: 'start', to: 'ab' },
    { from: 'ab', port: 'a', to: 'mailA' },
    { from: 'ab', port: 'b', to: 'mailB' },
    { from: 'mailA', to: 'waitA' },
    { from: 'mailB', to: 'waitB' },
    { from: 'waitA', to: 'done' },
    { from: 'waitB', to: 'done' },
  ],
};

if (unavailable) {
  describe.skip(`report end to end (skipped: ${unavailable})`, () => {
    it('shows a flow report', () => {});
  });
} else {
  describe('the flow report in Chromium', () => {
    let server: RunningServer;
    let browser: Browser;
    let page: Page;
    let expected: { a: number; b: number };
    const { call: api } = serverApi(() => server);

    beforeAll(async () => {
      server = await startServer(inject('webDist'), inject('serverMain'));
      browser = await connectChromium(inject('chromium'));
      await api('PUT', `/flows/${abFlow.id}`, abFlow);
      expect((await api('POST', `/flows/${abFlow.id}/publish`, {})).status).toBe(201);
      // 40 contacts with an address; 3 become customers; 5 open their email, 2 twice.
      const contacts = Array.from({ length: 40 }, (_, i) => `r${i}`);
      for (const c of contacts) await api('PUT', `/contacts/${c}`, { email: `${c}@example.com` });
      expect((await api('POST', '/events', { events: contacts.map((c) => ({ id: `s-${c}`, contactId: c, type: 'signup' })) })).status).toBe(202);
      const opens = ['r0', 'r1', 'r2', 'r3', 'r4', 'r0', 'r1'];
      const branchOf = async (c: string) =>
        ((await api('GET', `/outbox?contact=${c}`)).body.emails as { node: string }[]).find((e) => e.node.startsWith('mail'))!.node;
      const events = [];
      for (const [i, c] of opens.entries())
        events.push({ id: `o-${i}`, contactId: c, type: 'email_opened', data: { email: await branchOf(c), flow: abFlow.id } });
      for (const c of ['r5', 'r6', 'r7']) events.push({ id: `p-${c}`, contactId: c, type: 'purchase', stage: 'customer' });
      expect((await api('POST', '/events', { events })).status).toBe(202);
      const report = (await api('GET', `/flows/${abFlow.id}/report`)).body;
      expected = { a: report.splits.ab.branches.a.entered, b: report.splits.ab.branches.b.entered };
      expect(expected.a + expected.b).toBe(40);
      expect(report.emails.mailA.opened + report.emails.mailB.opened).toBe(7);
    }, 180_000);

    afterAll(async () => {
      await page?.context().close();
      await browser?.close();
      await server?.stop();
    });

    it('opens the report from the flow list and shows totals, emails and the split', async () => {
      page = await desktopPage(browser);
      await page.goto(`${server.baseUrl}/?token=${encodeURIComponent(server.token)}`);
      await page.getByTestId(`report-link-${abFlow.id}`).click();
      await page.getByTestId('report-page').waitFor();
      await expect.poll(() => page.getByTestId('total-enrolled').textContent()).toBe('40');
      expect(await page.getByTestId('total-goal').textContent()).toContain('3 (7.5% goal rate)');
      expect(await page.getByTestId('total-active').textContent()).toBe('37');
      const rows = await page.getByTestId('emails-table').locator('tbody tr').allTextContents();
      expect(rows).toHaveLength(2);
      expect(await page.getByTestId('email-row-mailA').locator('td').nth(1).textContent()).toBe(String(expected.a));
      expect(await page.getByTestId('email-row-mailB').locator('td').nth(1).textContent()).toBe(String(expected.b));
      expect(await page.getByTestId('split-verdict-ab').textContent()).toMatch(/^Not enough data yet/);
      expect(await page.getByTestId('enrolment-chart').getAttribute('aria-label')).toMatch(/40 in all/);
      await page.screenshot({ path: join(artifacts, 'report-1-page.png'), fullPage: true });
      expect(cspViolations(page)).toEqual([]);
    });

    it('filters by version and by the day contacts entered', async () => {
      await page.getByTestId('report-version').selectOption('1');
      await expect.poll(() => page.getByTestId('total-enrolled').textContent()).toBe('40');
      // Nobody entered before today: a range ending yesterday is empty.
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      await page.getByTestId('report-until').fill(yesterday);
      await expect.poll(() => page.getByTestId('total-enrolled').textContent()).toBe('0');
      await page.screenshot({ path: join(artifacts, 'report-2-filtered.png'), fullPage: true });
    });

    it('shows contacts waiting now or entered all time on the canvas, and links to the report from the editor', async () => {
      await page.goto(`${server.baseUrl}/flows/${abFlow.id}`);
      // Now: 37 contacts wait a day after their email (3 reached the goal), none on the split.
      await expect.poll(() => page.getByTestId('count-ab').textContent()).toBe('0');
      const waitingNow = Number(await page.getByTestId('count-waitA').textContent()) + Number(await page.getByTestId('count-waitB').textContent());
      expect(waitingNow).toBe(37);
      await page.getByTestId('count-mode-toggle').click();
      await expect.poll(() => page.getByTestId('count-ab').textContent()).toBe('40');
      expect(await page.getByTestId('count-mailA').textContent()).toBe(String(expected.a));
      expect(await page.getByTestId('count-ab').getAttribute('aria-label')).toBe('40 contacts entered, all time');
      await page.screenshot({ path: join(artifacts, 'report-3-canvas-all-time.png') });
      await page.getByTestId('report-link').click();
      await page.getByTestId('report-page').waitFor();
      expect(page.url()).toMatch(/\/flows\/ab-report\/report$/);
    });
  });
}
