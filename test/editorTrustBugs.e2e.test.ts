// What a marketer must be able to trust in the editor and around it (issue 15, points 1-5 and
// 11), in headless Chromium: Simulate runs what it shows, real contacts bring their history,
// durations are what is stored, email problems are named, sales' verdicts reach marketing and
// steps are called by their labels.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifacts } from './launchChromium.ts';
import { e2eUnavailable, startServer, type RunningServer } from './e2eServer.ts';
import { serverApi, downloadedText, useE2eSession } from './e2eHarness.ts';
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

/** signup → "Welcome mail" (email-1) → "Hand to sales" (handoff-1) → done: a lead that reaches sales at once. */
const handoffFlow = {
  format: 'hourglass.flow/1',
  id: 'trust-handoff',
  name: 'Trust handoff',
  nodes: [
    { id: 'start', type: 'trigger', label: 'Signed up', config: { on: 'event', event: 'signup' } },
    { id: 'email-1', type: 'sendEmail', label: 'Welcome mail', config: { subject: 'Welcome, {{ contact.firstName }}', body: 'Hello!' } },
    { id: 'handoff-1', type: 'handoff', label: 'Hand to sales', config: { fallback: 'sam@example.com' } },
    { id: 'done', type: 'exit', config: {} },
  ],
  edges: [
    { from: 'start', to: 'email-1' },
    { from: 'email-1', to: 'handoff-1' },
    { from: 'handoff-1', to: 'done' },
  ],
};

if (unavailable) {
  describe.skip(`editor trust end to end (skipped: ${unavailable})`, () => {
    it('runs what it shows', () => {});
  });
} else {
  describe('what the editor shows is what runs, in Chromium', () => {
    let server: RunningServer;
    let page: Page;
    const { ok: call } = serverApi(() => server);
    const openFlow = async (id: string, firstNode: string) => {
      await page.goto(`${server.baseUrl}/flows/${id}`);
      await page.getByTestId(`node-${firstNode}`).waitFor();
    };

    useE2eSession((s) => ({ server, page } = s), {
      // A manual clock, three days ahead of the browser's, as when a marketer moves time forward
      // to try the waits of a flow on real contacts.
      start: () => startServer(inject('webDist'), inject('serverMain'), { HOURGLASS_CLOCK: 'manual' }),
      setUp: async () => {
        await call('POST', '/admin/clock', { now: new Date(Date.now() + 3 * 86_400_000).toISOString() });
        await call('PUT', '/scoring', workspaceScoring);
        await call('POST', '/flows', byHandFlow);
        await call('POST', '/flows', whitepaper);
        await call('POST', '/flows', handoffFlow);
        await call('POST', `/flows/${handoffFlow.id}/publish`, {});
      },
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
      const exported = JSON.parse(await downloadedText(await download));
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

    it('brings the verdict and note of sales to the Accepted tab, the contact page and the flow report, never as JSON', async () => {
      const note = 'Call booked for Tuesday';
      await call('PUT', '/contacts/c-lena', { email: 'lena@example.com', stage: 'lead', properties: { firstName: 'Lena', lastName: 'Berg' } });
      await call('POST', '/events', { id: 'lena-1', contactId: 'c-lena', type: 'signup' });
      await page.goto(`${server.baseUrl}/inbox`);
      const card = page.locator('.hg-handoff').filter({ hasText: 'Lena Berg' });
      await card.getByLabel('Note about Lena Berg for marketing').fill(note);
      await card.getByRole('button', { name: 'Accept' }).click();
      await page.getByRole('tab', { name: 'Accepted' }).click();
      const accepted = page.locator('.hg-handoff').filter({ hasText: 'Lena Berg' });
      await expect.poll(() => accepted.getByTestId('handoff-note').textContent()).toBe(`“${note}”`);
      expect(await accepted.getByTestId('handoff-verdict').textContent()).toContain('Accepted by sales');
      await page.screenshot({ path: join(artifacts, 'trust-inbox-accepted.png') });

      await page.goto(`${server.baseUrl}/contacts/c-lena`);
      const handoffs = page.getByTestId('contact-handoffs');
      await expect.poll(() => handoffs.getByTestId('handoff-note').textContent()).toBe(`“${note}”`);
      const detail = page.getByTestId('contact-detail');
      await expect.poll(() => detail.textContent()).toContain(`Sales accepted the lead: “${note}”`);
      expect(await detail.textContent()).not.toContain('{"');
      await page.screenshot({ path: join(artifacts, 'trust-contact-verdict.png'), fullPage: true });

      await page.goto(`${server.baseUrl}/flows/${handoffFlow.id}/report`);
      await expect.poll(() => page.getByTestId('flow-handoffs').getByTestId('handoff-note').textContent()).toBe(`“${note}”`);
    });

    it('names steps by their labels and flows by their names, ids on hover, in the timeline, the trace, the mailbox and the sales inbox', async () => {
      await call('PUT', '/contacts/c-omar', { email: 'omar@example.com', stage: 'lead', properties: { firstName: 'Omar' } });
      await call('POST', '/events', { id: 'omar-1', contactId: 'c-omar', type: 'signup' });
      await call('POST', '/events', { id: 'omar-2', contactId: 'c-omar', type: 'email_clicked', data: { email: 'email-1', flow: handoffFlow.id } });
      /** The text of `locator` has the label and not the id, and the label carries the id as its title. */
      const named = async (where: string, locator: ReturnType<Page['locator']>, label: string, id: string) => {
        await expect.poll(() => locator.textContent(), { message: where }).toContain(label);
        expect(await locator.textContent(), where).not.toContain(id);
        expect(await locator.locator(`[title="${id}"]`).first().textContent(), where).toContain(label);
      };

      await page.goto(`${server.baseUrl}/inbox`);
      const card = page.locator('.hg-handoff').filter({ hasText: 'Omar' });
      await named('inbox', card.locator('header'), 'Hand to sales', 'handoff-1');
      await named('inbox', card.locator('header'), 'Trust handoff', 'trust-handoff');

      await page.goto(`${server.baseUrl}/mailbox`);
      const row = page.locator('tr').filter({ hasText: 'omar@example.com' });
      await named('mailbox', row, 'Welcome mail', 'email-1');
      await named('mailbox', row, 'Trust handoff', 'trust-handoff');
      await page.screenshot({ path: join(artifacts, 'trust-mailbox-labels.png') });

      await page.goto(`${server.baseUrl}/contacts/c-omar`);
      const flows = page.getByRole('region', { name: 'Flows' });
      await named('contact page', flows.locator('tbody'), 'Trust handoff', 'trust-handoff');
      await flows.getByRole('button', { name: 'Show the trace' }).click();
      await named('trace', page.getByTestId('trace'), 'Hand to sales', 'handoff-1');
      await named('trace', page.getByTestId('trace'), 'Welcome mail', 'email-1');
      await named('contact page', page.getByTestId('contact-detail'), 'Welcome mail', 'email-1');
      await page.screenshot({ path: join(artifacts, 'trust-trace-labels.png'), fullPage: true });

      await openFlow(handoffFlow.id, 'start');
      await page.getByTestId('simulate-toggle').click();
      await page.getByTestId('simulate-run').click();
      await named('timeline', page.getByTestId('simulate-timeline'), 'Welcome mail', 'email-1');
      await named('timeline', page.getByTestId('simulate-timeline'), 'Hand to sales', 'handoff-1');
      await page.getByTestId('simulate-timeline').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifacts, 'trust-timeline-labels.png') });
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
