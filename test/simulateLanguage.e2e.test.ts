// The simulate and forecast panels in the marketer's language, in headless Chromium: dates picked
// in the flow's time zone, durations as a number and a unit, regressions told in sentences and
// re-run by themselves after an edit, a panel that never needs a horizontal scroll, and a
// forecast cohort that looks like the workspace's contacts and explains an empty step.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Flow } from '@hourglass/documents';
import { artifacts } from './launchChromium.ts';
import { e2eUnavailable, type RunningServer } from './e2eServer.ts';
import { serverApi, downloadedText, useE2eSession } from './e2eHarness.ts';
import { fixturePath, readFixture } from './fixtures.ts';

const exampleDir = fixturePath('whitepaper-nurture');
const example = Flow.parse(readFixture('whitepaper-nurture', 'flow.json'));
const unavailable = e2eUnavailable();
/** ISO 8601 as a marketer should never have to read it: instants and durations. */
const ISO = /\d{4}-\d\d-\d\dT\d\d|\bP(T?\d+[WDHMS])+\b/;

if (unavailable) {
  console.warn(`The simulate language end-to-end tests are skipped: ${unavailable}.`);
  describe.skip(`simulate and forecast language end to end (skipped: ${unavailable})`, () => {
    it('speaks the marketer’s language', () => {});
  });
} else {
  describe('the simulate and forecast panels in Chromium', () => {
    let server: RunningServer;
    let page: Page;
    const { ok: call } = serverApi(() => server);

    /** The whitepaper flow in Vienna's time zone under `id`, opened with Anna's scenario in the simulate panel. */
    const openWithAnna = async (id: string) => {
      await call('POST', '/flows', { ...example, id, name: `Whitepaper (${id})`, settings: { ...example.settings, timezone: 'Europe/Vienna' } });
      await page.goto(`${server.baseUrl}/flows/${id}`);
      await page.locator('.react-flow__node').first().waitFor();
      await page.getByTestId('simulate-toggle').click();
      await page.getByTestId('scenario-import').setInputFiles(join(exampleDir, 'anna.scenario.json'));
      await expect.poll(() => page.getByTestId('scenario-contact-id').inputValue()).toBe('c-anna');
    };
    /** The text a marketer reads in the panel, and the text boxes' values (pickers aside). */
    const words = (testId: string) =>
      page
        .getByTestId(testId)
        .evaluate((panel) => [
          (panel as HTMLElement).innerText,
          ...[...panel.querySelectorAll('input:not([type]), input[type=text], input[type=search], textarea')].map((i) => (i as HTMLInputElement).value),
        ]);

    useE2eSession((s) => ({ server, page } = s), {
      setUp: async () => {
        await call('PUT', '/scoring', readFixture('whitepaper-nurture', 'scoring.json'));
      },
    });

    it('shows the start in the flow’s time zone, durations as a number and a unit, no ISO 8601, and fits the panel', async () => {
      await openWithAnna('sim-words');
      // Anna starts at 08:00 UTC: 09:00 in Vienna.
      const startPicker = page.getByTestId('scenario-start');
      expect(await startPicker.getAttribute('type')).toBe('datetime-local');
      expect(await startPicker.inputValue()).toBe('2026-03-02T09:00');
      const horizon = page.getByTestId('scenario-horizon');
      expect(await horizon.getByRole('textbox').inputValue()).toBe('30');
      expect(await horizon.getByRole('combobox').inputValue()).toBe('days');
      expect(await page.getByLabel('Event 1: after the start or on a date').inputValue()).toBe('after');
      expect(await page.getByLabel('Event 2 at', { exact: true }).inputValue()).toBe('1');
      expect(await page.getByLabel('Event 2 at: unit').inputValue()).toBe('days');

      await page.getByTestId('simulate-run').click();
      await page.getByTestId('simulation-result').waitFor();
      for (const text of await words('simulate-panel')) expect(text).not.toMatch(ISO);
      const panel = page.getByTestId('simulate-panel');
      const fit = () => panel.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      let size = await fit();
      expect(size.scroll).toBeLessThanOrEqual(size.client);
      await page.getByTestId('scenario-events').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifacts, 'simulate-language.png') });

      // A later start picked in Vienna's time is kept as the instant it stands for.
      await startPicker.fill('2026-03-03T10:30');
      await page.getByLabel('Event 2: after the start or on a date').selectOption('date');
      size = await fit();
      expect(size.scroll).toBeLessThanOrEqual(size.client);
      const download = page.waitForEvent('download');
      await page.getByTestId('scenario-export').click();
      const exported = JSON.parse(await downloadedText(await download));
      expect(exported.start).toBe('2026-03-03T09:30:00Z');
      expect(exported.events[1].at).toBe('2026-03-04T09:30:00Z');
      expect(exported.horizon).toBe('P30D');
    });

    it('re-runs the saved scenario by itself after an edit and says in sentences what changed', async () => {
      await openWithAnna('sim-rerun');
      await page.getByTestId('simulate-run').click();
      await page.getByTestId('simulation-result').waitFor();
      await page.getByTestId('scenario-keep-expected').click();
      const result = page.getByTestId('run-all-result');
      await expect.poll(() => result.textContent()).toContain('1 of 1 unchanged');

      // Edited with the inspector: the panel, opened again, has already run the scenario.
      await page.getByTestId('simulate-toggle').click();
      await page.locator('.react-flow__node[data-id="case-study"]').click();
      await page.getByTestId('email-subject').fill('A new customer story');
      await page.getByTestId('simulate-toggle').click();
      await expect.poll(() => result.textContent()).toContain('0 of 1 unchanged');
      const text = (await result.textContent())!;
      expect(text).toContain('Anna now gets “A new customer story” from “Case study” on 3 Mar at 09:00.');
      expect(text).toContain('Anna no longer gets “How Acme cut onboarding time by 40%” from “Case study” on 3 Mar at 09:00.');
      expect(text).not.toMatch(ISO);
      await result.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifacts, 'simulate-rerun-changed.png') });

      // Undone on the canvas with the panel open: unchanged again, without a click on Run all.
      await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
      await page.keyboard.press('Control+z');
      await expect.poll(() => result.textContent()).toContain('1 of 1 unchanged');
    });

    it('forecasts a cohort like the workspace’s contacts, and explains a step nobody passes', async () => {
      const openForecast = async () => {
        await page.goto(`${server.baseUrl}/flows/forecast-cohort`);
        await page.locator('.react-flow__node').first().waitFor();
        await page.getByTestId('forecast-toggle').click();
        await page.getByTestId('forecast-cohort').waitFor();
        await page.getByTestId('forecast-contacts').fill('1000');
        await page.getByTestId('forecast-click').fill('0.9');
      };
      const run = async () => {
        await page.getByTestId('forecast-run').click();
        await page.getByTestId('forecast-result').waitFor({ timeout: 60_000 });
      };
      await call('POST', '/flows', { ...example, id: 'forecast-cohort', name: 'Whitepaper (forecast)' });
      await openForecast();
      // Nine clicks in ten, yet nobody reaches sales: the default cohort has no company size or industry.
      expect(await page.getByTestId('forecast-cohort-source').textContent()).toContain('No contacts in the workspace yet');
      await run();
      expect(await page.getByTestId('forecast-count-to-sales').textContent()).toBe('0');
      expect(await page.getByTestId('forecast-explanations').textContent()).toContain(
        'No synthetic contact meets “Score ≥ 40?”: fit rules need employees, industry, which the cohort does not set',
      );
      await page.getByTestId('forecast-explanations').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifacts, 'forecast-explained-zero.png') });

      // With real contacts in the workspace, the cohort starts like them and reaches sales.
      for (const [i, industry] of ['software', 'software', 'software', 'retail'].entries()) {
        await call('PUT', `/contacts/c-mix-${i}`, {
          email: `mix${i}@example.com`,
          stage: 'lead',
          properties: { employees: 50 + 100 * i, industry, country: 'AT' },
        });
      }
      await openForecast();
      const cohort = page.getByTestId('forecast-cohort');
      expect(await page.getByTestId('forecast-cohort-source').textContent()).toBe('Like your 4 contacts.');
      expect(await cohort.getByLabel('Property 1 name').inputValue()).toBe('country');
      expect(await cohort.getByLabel('Property 2 values').inputValue()).toBe('50–350');
      expect(await cohort.getByLabel('Property 3 values').inputValue()).toBe('software 75%, retail 25%');
      await cohort.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifacts, 'forecast-cohort.png') });
      await run();
      expect(Number(await page.getByTestId('forecast-count-to-sales').textContent())).toBeGreaterThan(0);
      expect(await page.getByTestId('forecast-explanations').count()).toBe(0);
    }, 120_000);
  });
}
