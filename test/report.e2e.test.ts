// The report of a flow with traffic, in headless Chromium: from the flow list to the report page,
// its totals, funnel, emails table, split verdict and handoffs with sales' verdicts, the version
// filter; on the canvas the shares on edges and the rates on email, split and handoff steps; the
// scoring page's verdicts by score band. Every number is counted by hand from the traffic sent.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifacts, cspViolations } from './launchChromium.ts';
import { e2eUnavailable, type RunningServer } from './e2eServer.ts';
import { serverApi, useE2eSession } from './e2eHarness.ts';

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

/** demo → fit? (100+ employees) yes: sales (rule 1: Austria, else the fallback) → done; no: done. */
const leadFlow = {
  format: 'hourglass.flow/1',
  id: 'lead-report',
  name: 'Demo requests to sales',
  settings: {},
  nodes: [
    { id: 'demo', type: 'trigger', label: 'Demo requested', config: { on: 'event', event: 'demo' } },
    { id: 'fit', type: 'condition', label: 'Big company?', config: { if: { property: { name: 'employees', gte: 100 } } } },
    {
      id: 'sales',
      type: 'handoff',
      label: 'Hand to sales',
      config: { routing: [{ if: { property: { name: 'country', eq: 'AT' } }, owner: 'at@example.com' }], fallback: 'desk@example.com', notify: false },
    },
    { id: 'done', type: 'exit', label: 'Done', config: {} },
  ],
  edges: [
    { from: 'demo', to: 'fit' },
    { from: 'fit', port: 'yes', to: 'sales' },
    { from: 'fit', port: 'no', to: 'done' },
    { from: 'sales', to: 'done' },
  ],
};
/** Scores: 100+ employees 30 points, a demo request 10: every contact handed off scores 40. */
const scoring = {
  format: 'hourglass.scoring/1',
  fit: [{ if: { property: { name: 'employees', gte: 100 } }, points: 30 }],
  behaviour: [{ event: 'demo', points: 10 }],
};

/** A screenshot of the whole report: the page scrolls inside the app, so the window is made as tall as it first. */
async function wholePage(page: Page, name: string) {
  const viewport = page.viewportSize()!;
  const height = await page.getByTestId('report-page').evaluate((el) => el.scrollHeight + 120);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.screenshot({ path: join(artifacts, name) });
  await page.setViewportSize(viewport);
}

if (unavailable) {
  describe.skip(`report end to end (skipped: ${unavailable})`, () => {
    it('shows a flow report', () => {});
  });
} else {
  describe('the flow report in Chromium', () => {
    let server: RunningServer;
    let page: Page;
    let expected: { a: number; b: number };
    let uniqueOpens: { mailA: number; mailB: number };
    let goals: { a: number; b: number };
    const { call: api } = serverApi(() => server);

    useE2eSession((s) => ({ server, page } = s), {
      setUp: async () => {
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
        // Unique opens per email, from which email each of r0..r4 received.
        uniqueOpens = { mailA: 0, mailB: 0 };
        for (const c of new Set(opens)) uniqueOpens[(await branchOf(c)) as 'mailA' | 'mailB']++;
        goals = { a: 0, b: 0 };
        for (const c of ['r5', 'r6', 'r7']) goals[(await branchOf(c)) === 'mailA' ? 'a' : 'b']++;

        // Ten demo requests: d0..d5 are big companies (handed off; d0..d2 in Austria, by rule 1, the
        // others to the fallback); d6..d9 are not. Sales accepts d0 and d1 and rejects d3.
        expect((await api('PUT', '/scoring', scoring)).status).toBe(200);
        await api('PUT', `/flows/${leadFlow.id}`, leadFlow);
        expect((await api('POST', `/flows/${leadFlow.id}/publish`, {})).status).toBe(201);
        const demos = Array.from({ length: 10 }, (_, i) => ({
          id: `d-${i}`,
          contactId: `d${i}`,
          type: 'demo',
          properties: i < 6 ? { employees: 150, ...(i < 3 ? { country: 'AT' } : {}) } : { employees: 5 },
        }));
        expect((await api('POST', '/events', { events: demos })).status).toBe(202);
        const handoffs = (await api('GET', `/handoffs?flow=${leadFlow.id}`)).body.handoffs as { id: string; contactId: string }[];
        expect(handoffs).toHaveLength(6);
        for (const [c, verdict] of [
          ['d0', 'accepted'],
          ['d1', 'accepted'],
          ['d3', 'rejected'],
        ])
          expect((await api('POST', `/handoffs/${handoffs.find((h) => h.contactId === c)!.id}/feedback`, { verdict })).status).toBe(200);
      },
    });

    it('opens the report from the flow list and shows totals, emails and the split', async () => {
      await page.goto(`${server.baseUrl}/`);
      await page.getByTestId(`report-link-${abFlow.id}`).click();
      await page.getByTestId('report-page').waitFor();
      await expect.poll(() => page.getByTestId('total-enrolled').textContent()).toBe('40');
      expect(await page.getByTestId('total-goal').textContent()).toContain('3 (7.5% goal rate)');
      expect(await page.getByTestId('total-active').textContent()).toBe('37');
      const rows = await page.getByTestId('emails-table').locator('tbody tr').allTextContents();
      expect(rows).toHaveLength(2);
      for (const [mail, sent] of [
        ['mailA', expected.a],
        ['mailB', expected.b],
      ] as const) {
        // No SMTP server: every email counts as sent and delivered at once.
        expect(await page.getByTestId(`email-reached-${mail}`).textContent()).toBe(String(sent));
        expect(await page.getByTestId(`email-sent-${mail}`).textContent()).toBe(String(sent));
        expect(await page.getByTestId(`email-delivered-${mail}`).textContent()).toBe(String(sent));
        expect(await page.getByTestId(`email-opened-${mail}`).textContent()).toBe(String(uniqueOpens[mail]));
        expect(await page.getByTestId(`email-row-${mail}`).textContent()).toContain(`${((uniqueOpens[mail] / sent) * 100).toFixed(1)}%`);
      }
      // The funnel: all 40 entered by the trigger and the split, then the larger branch's email.
      const larger = expected.a >= expected.b ? 'a' : 'b';
      expect(await page.getByTestId('funnel-entered-start').textContent()).toBe('40');
      expect(await page.getByTestId('funnel-step-ab').textContent()).toContain(`by ${larger}`);
      expect(await page.getByTestId(`funnel-entered-mail${larger.toUpperCase()}`).textContent()).toBe(String(expected[larger]));
      expect(await page.getByTestId('funnel-drop-ab').textContent()).toBe(`${40 - expected[larger]} (${(((40 - expected[larger]) / 40) * 100).toFixed(1)}%)`);
      expect(await page.getByTestId('split-verdict-ab').textContent()).toMatch(/^Not enough data yet/);
      expect(await page.getByTestId('enrolment-chart').getAttribute('aria-label')).toMatch(/40 in all/);
      await wholePage(page, 'report-1-page.png');
      expect(cspViolations(page)).toEqual([]);
    });

    it('filters by version and by the day contacts entered', async () => {
      await page.goto(`${server.baseUrl}/flows/${abFlow.id}/report`);
      await expect.poll(() => page.getByTestId('total-enrolled').textContent()).toBe('40');
      await page.getByTestId('report-version').selectOption('1');
      await expect.poll(() => page.getByTestId('total-enrolled').textContent()).toBe('40');
      // Nobody entered before today: a range ending yesterday is empty.
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      await page.getByTestId('report-until').fill(yesterday);
      await expect.poll(() => page.getByTestId('total-enrolled').textContent()).toBe('0');
      await wholePage(page, 'report-2-filtered.png');
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
      // The split's edges: the share of the 40 that took each branch.
      const whole = (n: number, of: number) => `${Math.round((n / of) * 100)}%`;
      await expect.poll(() => page.getByTestId('rf__edge-ab→a→mailA').textContent()).toBe(`a: ${whole(expected.a, 40)}`);
      expect(await page.getByTestId('rf__edge-ab→b→mailB').textContent()).toBe(`b: ${whole(expected.b, 40)}`);
      // Every email was sent; opens are a share of the delivered ones; nobody clicked or unsubscribed.
      for (const [mail, sent] of [
        ['mailA', expected.a],
        ['mailB', expected.b],
      ] as const) {
        expect(await page.getByTestId(`email-sent-${mail}`).textContent()).toBe('100%');
        expect(await page.getByTestId(`email-opened-${mail}`).textContent()).toBe(whole(uniqueOpens[mail], sent));
        expect(await page.getByTestId(`email-clicked-${mail}`).textContent()).toBe('0%');
        expect(await page.getByTestId(`email-unsubscribed-${mail}`).textContent()).toBe('0%');
      }
      // The split: each branch's goal rate (r5..r7 became customers) and a verdict in words.
      for (const k of ['a', 'b'] as const) expect(await page.getByTestId(`split-rate-ab-${k}`).textContent()).toBe(whole(goals[k], expected[k]));
      expect(await page.getByTestId('split-canvas-verdict-ab').textContent()).toMatch(/^Not enough data yet/);
      await page.screenshot({ path: join(artifacts, 'report-3-canvas-all-time.png') });
      await page.getByTestId('report-link').click();
      await page.getByTestId('report-page').waitFor();
      expect(page.url()).toMatch(/\/flows\/ab-report\/report$/);
    });

    it("shows the funnel and the handoffs with sales' verdicts per routing rule and score band", async () => {
      await page.goto(`${server.baseUrl}/flows/${leadFlow.id}/report`);
      await expect.poll(() => page.getByTestId('total-enrolled').textContent()).toBe('10');
      // Steps are named by their labels; 4 of 10 are lost at "Big company?".
      await expect.poll(() => page.getByTestId('funnel-step-fit').textContent()).toContain('Big company?');
      expect(await page.getByTestId('funnel-entered-fit').textContent()).toBe('10');
      expect(await page.getByTestId('funnel-step-fit').textContent()).toContain('by yes');
      expect(await page.getByTestId('funnel-drop-fit').textContent()).toBe('4 (40.0%)');
      expect(await page.getByTestId('funnel-entered-sales').textContent()).toBe('6');
      const cells = async (row: string) => (await page.getByTestId(row).locator('th, td').allTextContents()).map((t) => t.trim());
      expect(await cells('handoff-routes-sales-rule-1')).toEqual(['Rule 1: country = AT → at@example.com', '3', '2', '0', '1', '100.0%']);
      expect(await cells('handoff-routes-sales-fallback')).toEqual(['Fallback → desk@example.com', '3', '0', '1', '2', '0.0%']);
      expect(await cells('handoff-bands-sales-40')).toEqual(['40–49', '6', '2', '1', '3', '66.7%']);
      await wholePage(page, 'report-4-funnel-handoffs.png');
      expect(cspViolations(page)).toEqual([]);
    });

    it('shows the share of contacts leaving by each port on the edges and the handoff verdicts on the canvas', async () => {
      await page.goto(`${server.baseUrl}/flows/${leadFlow.id}`);
      await page.getByTestId('count-mode-toggle').click();
      await expect.poll(() => page.getByTestId('count-fit').textContent()).toBe('10');
      await expect.poll(() => page.getByTestId('rf__edge-fit→yes→sales').textContent()).toBe('yes: 60%');
      expect(await page.getByTestId('rf__edge-fit→no→done').textContent()).toBe('no: 40%');
      expect(await page.getByTestId('handoff-report-sales').textContent()).toBe('Sales accepted 2, rejected 1, 3 waiting');
      await page.screenshot({ path: join(artifacts, 'report-5-canvas-edges.png') });
      // A range of entry days that ends yesterday counts nobody.
      await page.getByTestId('canvas-report-until').fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
      await expect.poll(() => page.getByTestId('count-fit').textContent()).toBe('0');
      expect(await page.getByTestId('canvas-report-bar').textContent()).toContain('0 contacts');
    });

    it("shows sales' verdicts by score band on the scoring page", async () => {
      await page.goto(`${server.baseUrl}/scoring`);
      await page.getByTestId('scoring-bands').waitFor();
      const row = (await page.getByTestId('scoring-bands-40').locator('th, td').allTextContents()).map((t) => t.trim());
      expect(row).toEqual(['40–49', '6', '2', '1', '3', '66.7%']);
      expect(await page.getByTestId('scoring-feedback-total').textContent()).toContain('6 handed off: 2 accepted, 1 rejected, 3 waiting for sales');
      await page.getByTestId('scoring-feedback').screenshot({ path: join(artifacts, 'report-6-scoring-feedback.png') });
      expect(cspViolations(page)).toEqual([]);
    });
  });
}
