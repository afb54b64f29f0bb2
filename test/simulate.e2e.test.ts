// The simulate panel as a marketer uses it, in headless Chromium (Debian's, driven by
// playwright-core): open the whitepaper flow of the conformance examples, run Anna's scenario in the
// browser, and check that the canvas and the timeline agree with `hourglass simulate --json`.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifacts } from './launchChromium.ts';
import { Flow } from '@hourglass/documents';
import { hourglassInProcess } from './cliRunner.ts';
import { fixturePath } from './fixtures.ts';
import { e2eUnavailable, type RunningServer } from './e2eServer.ts';
import { downloadedText, serverApi, useE2eSession } from './e2eHarness.ts';

const exampleDir = fixturePath('whitepaper-nurture');
const readExample = (f: string) => JSON.parse(readFileSync(join(exampleDir, f), 'utf8'));
const example = Flow.parse(readExample('flow.json'));

const unavailable = e2eUnavailable();

if (unavailable) {
  console.warn(`The simulate panel's end-to-end tests are skipped: ${unavailable}.`);
  describe.skip(`simulate panel end to end (skipped: ${unavailable})`, () => {
    it('runs the Anna scenario like the CLI', () => {});
  });
} else {
  // One server for all; each test starts signed in on a blank page and opens what it needs (saved
  // scenarios on a copy of the flow of its own), so that any test runs alone or in any order.
  describe('the simulate panel in Chromium', () => {
    let server: RunningServer;
    let page: Page;
    const { call } = serverApi(() => server);
    /** The status of an API call with the server's token: what set-up needs, without a page. */
    const api = async (method: string, path: string, body: unknown) => (await call(method, path, body)).status;

    /** Opens the flow `id` (a copy of the example made first unless it is the example) with Anna's scenario in the simulate panel. */
    const openWithAnna = async (id = example.id) => {
      if (id !== example.id) expect(await api('POST', '/flows', { ...example, id, name: `Whitepaper (${id})` })).toBe(201);
      await page.goto(`${server.baseUrl}/flows/${id}`);
      await page.getByTestId(`node-${example.nodes[0]!.id}`).waitFor();
      await page.getByTestId('simulate-toggle').click();
      await page.getByTestId('scenario-import').setInputFiles(join(exampleDir, 'anna.scenario.json'));
      await expect.poll(() => page.getByTestId('scenario-contact-id').inputValue()).toBe('c-anna');
    };
    /** Runs the scenario in the form and keeps it with its outcome. */
    const keepScenario = async () => {
      await page.getByTestId('simulate-run').click();
      await page.getByTestId('simulation-result').waitFor();
      await page.getByTestId('scenario-keep-expected').click();
      await page.getByTestId('saved-scenario').first().waitFor();
    };

    useE2eSession((s) => ({ server, page } = s), {
      setUp: async () => {
        // The CLI reads scoring.json beside the flow; the workspace gets the same model.
        expect(await api('PUT', '/scoring', readExample('scoring.json'))).toBe(200);
        expect([201, 409]).toContain(await api('POST', '/flows', example));
      },
    });

    it('runs the imported Anna scenario in the browser and shows on the canvas and in the timeline what `hourglass simulate --json` prints', async () => {
      const cli = await hourglassInProcess(['simulate', join(exampleDir, 'flow.json'), '--scenario', join(exampleDir, 'anna.scenario.json'), '--json']);
      expect(cli.status, cli.stderr).toBe(0);
      const trace = JSON.parse(cli.stdout);
      const steps: { at: string; node: string }[] = trace.enrolments.flatMap((e: { steps: unknown[] }) => e.steps);

      await openWithAnna();
      await page.getByTestId('simulate-run').click();
      await page.getByTestId('simulation-result').waitFor();

      const highlighted = await page
        .locator('[data-simulation="visited"], [data-simulation="marker"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('node-'.length)));
      expect(new Set(highlighted)).toEqual(new Set(steps.map((s) => s.node)));
      const dimmed = await page
        .locator('[data-simulation="dimmed"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('node-'.length)));
      expect(new Set(dimmed)).toEqual(new Set(example.nodes.map((n) => n.id).filter((id) => !steps.some((s) => s.node === id))));
      expect(await page.locator('.react-flow__edge.is-sim-taken').count()).toBe(steps.length - trace.enrolments.length);

      const entries = page.getByTestId('timeline-entry');
      const timeline = await entries.evaluateAll((els) =>
        els.map((e) => ({ kind: e.getAttribute('data-kind'), node: e.getAttribute('data-node'), at: e.getAttribute('data-at'), text: e.textContent ?? '' })),
      );
      expect(timeline.filter((e) => e.kind === 'step').map((e) => ({ node: e.node, at: Date.parse(e.at!) }))).toEqual(
        steps.map((s) => ({ node: s.node, at: Date.parse(s.at) })),
      );
      const emails = timeline.filter((e) => e.kind === 'email');
      expect(emails).toHaveLength(trace.emails.length);
      trace.emails.forEach((m: { subject: string; node: string }, i: number) => {
        expect(emails[i]!.node).toBe(m.node);
        expect(emails[i]!.text).toContain(m.subject);
      });
      const handoffs = timeline.filter((e) => e.kind === 'handoff');
      expect(handoffs.map((h) => h.node)).toEqual(trace.handoffs.map((h: { node: string }) => h.node));
      trace.handoffs.forEach((h: { owner: string }, i: number) => expect(handoffs[i]!.text).toContain(h.owner));
      expect(await page.getByTestId('simulate-status').textContent()).toContain(trace.status);
      expect(await page.getByTestId('simulate-contact-score').textContent()).toBe(String(trace.contact.score));
      await expect.poll(() => page.getByTestId('score-threshold-40').count()).toBe(1);

      // Stepping moves the marker along the timeline.
      await page.getByTestId('simulate-next').click();
      await page.getByTestId('simulate-next').click();
      expect(await page.locator('[data-simulation="marker"]').getAttribute('data-testid')).toBe(`node-${timeline[1]!.node}`);
      await page.getByTestId('simulate-prev').click();
      expect(await page.locator('[data-simulation="marker"]').getAttribute('data-testid')).toBe(`node-${timeline[0]!.node}`);
      await page.screenshot({ path: join(artifacts, 'simulate-anna.png') });
    });

    it('suggests clicking a link in the email the contact received, and the click moves the flow on past the waitFor', async () => {
      await page.goto(`${server.baseUrl}/flows/${example.id}`);
      await page.getByTestId(`node-${example.nodes[0]!.id}`).waitFor();
      await page.getByTestId('simulate-toggle').click();
      const suggestion = (label: string) => page.getByTestId('simulate-suggestion').filter({ hasText: label });
      // A new scenario starts with the trigger's event, so it is not offered again.
      expect(await page.getByLabel('Event 1 type').inputValue()).toBe('form_submitted');
      expect(await suggestion('form_submitted at the start').count()).toBe(0);
      // Once the scenario sends "Send the whitepaper", the panel offers what a reader does with it.
      await suggestion('opens "Send the whitepaper" 1 hour after it is sent').waitFor();
      await suggestion('unsubscribes from "Send the whitepaper" 1 hour after it is sent').waitFor();
      await suggestion('clicks a link in "Send the whitepaper" 1 hour after it is sent').click();
      expect(await page.getByLabel('Event 2 type').inputValue()).toBe('email_clicked');
      expect(await page.getByLabel('Event 2 at', { exact: true }).inputValue()).toBe('1');
      expect(await page.getByLabel('Event 2 at: unit').inputValue()).toBe('hours');

      await page.getByTestId('simulate-run').click();
      await page.getByTestId('simulation-result').waitFor();
      const steps = await page.locator('[data-testid="timeline-entry"][data-kind="step"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')));
      expect(steps.slice(0, 4)).toEqual(['start', 'welcome', 'engaged', 'case-study']);
      expect(steps).not.toContain('reminder');
      await page.screenshot({ path: join(artifacts, 'simulate-suggested-click.png') });
    });

    it('saves the scenario with its outcome, and Run all then finds it unchanged', async () => {
      await openWithAnna('simulate-saved');
      await keepScenario();
      await page.getByTestId('scenarios-run-all').click();
      await expect.poll(() => page.getByTestId('run-all-result').textContent()).toContain('1 of 1 unchanged');
      expect(await page.getByTestId('run-all-outcome').count()).toBe(0);
    });

    it('shows the problems of an imported file that is not a valid scenario, keeping the form as it was', async () => {
      await openWithAnna();
      await page.getByTestId('scenario-import').setInputFiles({
        name: 'bad.scenario.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify({ ...readExample('anna.scenario.json'), contact: { id: 'c-x' }, horizon: 'soon' })),
      });
      await page.getByTestId('scenario-problems').waitFor();
      expect(await page.getByTestId('scenario-problems').textContent()).toContain('/horizon');
      expect(await page.getByTestId('scenario-contact-id').inputValue()).toBe('c-anna');
    });

    it('takes a real contact from the server as the test contact, with its events as history', async () => {
      expect(await api('PUT', '/contacts/c-ivy', { email: 'ivy@example.com', stage: 'mql', owner: 'sam@example.com', properties: { country: 'AT' } })).toBe(
        201,
      );
      expect(await api('POST', '/events', { id: 'ivy-1', contactId: 'c-ivy', type: 'page_viewed', data: { page: 'pricing' } })).toBe(202);
      await page.goto(`${server.baseUrl}/flows/${example.id}`);
      await page.getByTestId(`node-${example.nodes[0]!.id}`).waitFor();
      await page.getByTestId('simulate-toggle').click();
      await page.getByTestId('contact-picker').locator('summary').click();
      await page.getByTestId('contact-picker-search').fill('ivy');
      await page.locator('[data-testid="contact-picker-option"][data-id="c-ivy"]').click();
      await expect.poll(() => page.getByTestId('scenario-contact-id').inputValue()).toBe('c-ivy');
      expect(await page.getByTestId('scenario-contact-email').inputValue()).toBe('ivy@example.com');
      expect(await page.getByTestId('scenario-contact-owner').inputValue()).toBe('sam@example.com');
      expect(await page.getByLabel('Event 1 type').inputValue()).toBe('page_viewed');
    });

    it('forecasts 2,500 contacts on a worker per core with the numbers of `hourglass forecast --json` for the same seed and model, and exports them', async () => {
      await page.goto(`${server.baseUrl}/flows/${example.id}`);
      await page.getByTestId(`node-${example.nodes[0]!.id}`).waitFor();
      await page.getByTestId('forecast-toggle').click();
      await page.getByTestId('forecast-contacts').fill('2500');
      await page.getByTestId('forecast-seed').fill('42');
      // The cohort starts from the workspace's contacts: the CLI gets the same model as a file.
      await page.getByTestId('forecast-cohort').waitFor();
      const modelDownload = page.waitForEvent('download');
      await page.getByTestId('forecast-export-model').click();
      // The browser may run in another process (one per test run): the download is copied here.
      const modelFile = join(mkdtempSync(join(tmpdir(), 'hourglass-model-')), 'model.json');
      writeFileSync(modelFile, await downloadedText(await modelDownload));
      const cli = await hourglassInProcess(['forecast', join(exampleDir, 'flow.json'), '--contacts', '2500', '--seed', '42', '--model', modelFile, '--json']);
      expect(cli.status, cli.stderr).toBe(0);
      const expected = JSON.parse(cli.stdout);
      await page.getByTestId('forecast-run').click();
      await page.getByTestId('forecast-result').waitFor({ timeout: 60_000 });
      // Ranges of 500 contacts shared out to one worker per core (at most eight).
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      expect(Number(await page.getByTestId('forecast-result').getAttribute('data-workers'))).toBe(Math.min(cores, 8, 5));

      for (const node of example.nodes) {
        expect(Number(await page.getByTestId(`forecast-count-${node.id}`).textContent()), node.id).toBe(expected.nodes[node.id].entered);
      }
      for (const [outcome, n] of Object.entries(expected.outcomes)) {
        expect(Number(await page.getByTestId(`forecast-outcome-${outcome}`).textContent()), outcome).toBe(n);
      }
      // Edge labels read "port: n" or "n"; every edge is on screen, so the counts compare as a multiset.
      const labels = await page.locator('.react-flow__edge-text').allTextContents();
      const byNumber = (a: number, b: number) => a - b;
      expect(labels.map((l) => Number(/(\d+)$/.exec(l)?.[1])).sort(byNumber)).toEqual(expected.edges.map((e: { taken: number }) => e.taken).sort(byNumber));
      const download = page.waitForEvent('download');
      await page.getByTestId('forecast-export-json').click();
      const exported = JSON.parse(await downloadedText(await download));
      expect(exported.nodes).toEqual(expected.nodes);
      expect(exported.edges).toEqual(expected.edges);
      await page.screenshot({ path: join(artifacts, 'forecast-whitepaper.png') });
    });

    it('lists the saved scenario as changed, with what changed, after an email of its path is edited', async () => {
      await openWithAnna('simulate-changed');
      await keepScenario();
      await page.getByTestId('simulate-toggle').click(); // closes the simulate panel: the inspector is back
      await page.getByTestId('node-case-study').click();
      await page.getByTestId('email-subject').fill('A new customer story');
      await page.getByTestId('simulate-toggle').click();
      await page.getByTestId('scenarios-run-all').click();
      await expect.poll(() => page.getByTestId('run-all-result').textContent()).toContain('0 of 1 unchanged');
      const outcome = page.getByTestId('run-all-outcome');
      expect(await outcome.getAttribute('data-status')).toBe('changed');
      const text = await outcome.textContent();
      expect(text).toContain('Anna now gets “A new customer story” from “Case study” on 3 Mar at 08:00.');
      expect(text).toContain('Anna no longer gets “How Acme cut onboarding time by 40%” from “Case study” on 3 Mar at 08:00.');
      await page.screenshot({ path: join(artifacts, 'run-all-changed.png') });
    });
  });
}
