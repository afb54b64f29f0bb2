// What a marketer must be able to trust in the editor and around it (issue 15, points 1-5 and
// 11), in headless Chromium: Simulate runs what it shows, real contacts bring their history,
// durations are what is stored, email problems are named, sales' verdicts reach marketing and
// steps are called by their labels.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifacts, launchChromium } from './launchChromium.ts';
import { e2eUnavailable, startServer, type RunningServer } from './e2eServer.ts';
import { serverApi, signedInPageForEachTest } from './e2eHarness.ts';
import { repoRoot } from './cliRunner.ts';
import { fixturePath } from './fixtures.ts';

const unavailable = e2eUnavailable();
const whitepaper = JSON.parse(readFileSync(join(fixturePath('whitepaper-nurture'), 'flow.json'), 'utf8'));
const workspaceScoring = JSON.parse(readFileSync(join(repoRoot, 'workflows/scoring.json'), 'utf8'));

/** A flow a contact enters by hand and then waits in: Simulate shows the score of its history. */
const byHandFlow = {
  format: 'hourglass.flow/1',
  id: 'trust-by-hand',
  name: 'Trust by hand',
  nodes: [
    { id: 'start', type: 'trigger', label: 'Enrolled by hand', config: { on: 'manual' } },
    { id: 'pause', type: 'wait', label: 'Give them a week', config: { for: 'P7D' } },
    { id: 'done', type: 'exit', config: {} },
  ],
  edges: [
    { from: 'start', to: 'pause' },
    { from: 'pause', to: 'done' },
  ],
};

if (unavailable) {
  describe.skip(`editor trust end to end (skipped: ${unavailable})`, () => {
    it('runs what it shows', () => {});
  });
} else {
  describe('what the editor shows is what runs, in Chromium', () => {
    let server: RunningServer;
    let browser: Browser;
    let page: Page;
    const { ok: call } = serverApi(() => server);
    const openFlow = async (id: string, firstNode: string) => {
      await page.goto(`${server.baseUrl}/flows/${id}`);
      await page.getByTestId(`node-${firstNode}`).waitFor();
    };

    beforeAll(async () => {
      // A manual clock, three days ahead of the browser's, as when a marketer moves time forward
      // to try the waits of a flow on real contacts.
      server = await startServer(inject('webDist'), { HOURGLASS_CLOCK: 'manual' });
      browser = await launchChromium();
      await call('POST', '/admin/clock', { now: new Date(Date.now() + 3 * 86_400_000).toISOString() });
      await call('PUT', '/scoring', workspaceScoring);
      await call('POST', '/flows', byHandFlow);
      await call('POST', '/flows', whitepaper);
    }, 180_000);

    signedInPageForEachTest(
      () => ({ server, browser }),
      (p) => (page = p),
    );

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('runs, on the first Run, the trigger event the new scenario shows, and exports it', async () => {
      await openFlow(whitepaper.id, 'start');
      await page.getByTestId('simulate-toggle').click();
      expect(await page.getByLabel('Event 1 type').inputValue()).toBe('form_submitted');
      await page.getByTestId('simulate-run').click();
      await page.getByTestId('simulation-result').waitFor();
      expect(await page.getByTestId('simulate-status').textContent()).not.toContain('not-enrolled');
      const download = page.waitForEvent('download');
      await page.getByTestId('scenario-export').click();
      const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
      expect(exported.events).toEqual([{ at: 'PT0S', type: 'form_submitted', data: { form: 'whitepaper' } }]);
      await page.screenshot({ path: join(artifacts, 'trust-simulate-first-run.png') });
    });

    it('shows a stored negative wait with its minus and as an error, and a typed number replaces it', async () => {
      const id = 'trust-negative-wait';
      const flow = { ...byHandFlow, id, nodes: byHandFlow.nodes.map((n) => (n.id === 'pause' ? { ...n, config: { for: '-P3D' } } : n)) };
      await call('PUT', `/flows/${id}`, flow);
      await openFlow(id, 'pause');
      expect(await page.getByTestId('node-pause').textContent()).toContain('Wait −3 days');
      await expect.poll(() => page.getByTestId('error-count').textContent()).toBe('1 error');
      expect(await page.getByTestId('problems').textContent()).toContain('"-P3D" is negative');
      await page.getByTestId('node-pause').click();
      const amount = page.getByTestId('wait-duration').locator('input');
      expect(await amount.inputValue()).toBe('-3');
      await page.screenshot({ path: join(artifacts, 'trust-negative-wait.png') });
      await amount.fill('5');
      await expect.poll(() => page.getByTestId('error-count').textContent()).toBe('0 errors');
      expect(await page.getByTestId('node-pause').textContent()).toContain('Wait 5 days');
    });

    it('names an email without a subject as an error that blocks publishing, and a misspelt variable as a warning with the property meant', async () => {
      const id = 'trust-email';
      await call('PUT', '/contacts/c-vera', { email: 'vera@example.com', properties: { firstName: 'Vera' } });
      await call('PUT', `/flows/${id}`, {
        ...byHandFlow,
        id,
        nodes: [
          ...byHandFlow.nodes.filter((n) => n.id !== 'pause'),
          { id: 'pause', type: 'sendEmail', label: 'Still there?', config: { subject: '', body: 'Hi {{ contact.frstName }}, still there?' } },
        ],
      });
      await openFlow(id, 'pause');
      await expect.poll(() => page.getByTestId('error-count').textContent()).toBe('1 error');
      const problems = page.getByTestId('problems');
      await expect.poll(() => problems.textContent()).toContain('Did you mean firstName?');
      expect(await problems.textContent()).toContain('This email has no subject');
      expect(await page.getByRole('button', { name: 'Publish…' }).isDisabled()).toBe(true);
      await page.screenshot({ path: join(artifacts, 'trust-email-problems.png') });
      await page.getByTestId('node-pause').click();
      await page.getByTestId('email-subject').fill('Still there, {{ contact.firstName }}?');
      await expect.poll(() => page.getByTestId('error-count').textContent()).toBe('0 errors');
    });

    it('counts the past events of a real contact picked in Simulate, so its simulated score is the score the server gives it', async () => {
      // Fit 20 (120 employees, software) and behaviour 15 (a form and a click): 35.
      await call('PUT', '/contacts/c-hist', {
        email: 'hist@example.com',
        stage: 'lead',
        properties: { firstName: 'Hilde', employees: 120, industry: 'software' },
      });
      await call('POST', '/events', { id: 'hist-1', contactId: 'c-hist', type: 'form_submitted', data: { form: 'whitepaper' } });
      await call('POST', '/events', { id: 'hist-2', contactId: 'c-hist', type: 'email_clicked', data: { email: 'welcome' } });
      await expect.poll(async () => (await call('GET', '/contacts/c-hist')).score.score).toBe(35);

      await openFlow(byHandFlow.id, 'start');
      await page.getByTestId('simulate-toggle').click();
      await page.getByTestId('contact-picker').locator('summary').click();
      await page.getByTestId('contact-picker-search').fill('c-hist');
      await page.locator('[data-testid="contact-picker-option"][data-id="c-hist"]').click();
      await expect.poll(() => page.getByTestId('scenario-contact-id').inputValue()).toBe('c-hist');
      await page.getByTestId('simulate-run').click();
      await page.getByTestId('simulation-result').waitFor();
      expect(await page.getByTestId('simulate-contact-score').textContent()).toBe('35');
      await page.screenshot({ path: join(artifacts, 'trust-real-contact-history.png') });
    });
  });
}
