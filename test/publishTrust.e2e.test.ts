// Trusting what is published, in headless Chromium: the editor and the flow list say when the
// draft differs from the live version and show the changes in one click; the publish dialog says
// what changes, how many contacts are in the flow and which live flows share the trigger, and
// refuses an unchanged draft; a connection is not replaced without asking, and steps cut off
// block publishing; flows of the same name are told apart; the New flow dialog fits the screen.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { Flow, type FlowNode } from '@hourglass/documents';
import { artifacts } from './launchChromium.ts';
import { e2eUnavailable, type RunningServer } from './e2eServer.ts';
import { serverApi, useE2eSession } from './e2eHarness.ts';
import { fixturePath } from './fixtures.ts';

const example = Flow.parse(JSON.parse(readFileSync(fixturePath('whitepaper-nurture', 'flow.json'), 'utf8')));
const unavailable = e2eUnavailable();
// Waits for what the page fetches after it opens (the draft, the live version, the publish check).
const SLOW = { timeout: 10_000 };

/** The whitepaper example under `id`, starting on `event` (each test its own, so no flow takes another's contacts). */
const exampleOn = (id: string, event: string, changes: Partial<Flow> = {}): Flow => ({
  ...example,
  id,
  name: `Whitepaper (${id})`,
  nodes: example.nodes.map((n): FlowNode => {
    if (n.type === 'trigger') return { ...n, config: { on: 'event', event, where: { form: 'whitepaper' } } };
    if (n.id === 'wait-4d') return { ...n, label: 'Give them time' };
    return n;
  }),
  ...changes,
});

if (unavailable) {
  describe.skip(`publishing end to end (skipped: ${unavailable})`, () => {
    it('shows what publishing changes', () => {});
  });
} else {
  describe('trusting what is published, in Chromium', () => {
    let server: RunningServer;
    let page: Page;
    const { ok: call } = serverApi(() => server);

    useE2eSession((s) => ({ server, page } = s));

    it('says the draft differs from the live version, shows the changes in words, and refuses to publish it unchanged', async () => {
      await call('POST', '/flows', exampleOn('trust-edits', 'trust_edits_form'));
      await call('POST', '/flows/trust-edits/publish', { note: 'First' });
      await call('PUT', '/contacts/c-ida', { email: 'ida@example.com' });
      await call('POST', '/events', { id: 'trust-1', contactId: 'c-ida', type: 'trust_edits_form', data: { form: 'whitepaper' } });

      await page.goto(`${server.baseUrl}/flows/trust-edits`);
      const badge = page.getByTestId('published-badge');
      await expect.poll(() => badge.textContent(), SLOW).toBe('Published v1');
      expect(await page.getByTestId('see-changes').count()).toBe(0);

      // A longer wait: the header says the draft is not what runs, and shows the change in one click.
      await page.locator('.react-flow__node[data-id="wait-4d"]').click();
      await page.getByTestId('node-inspector').getByLabel('Duration', { exact: true }).fill('5');
      await expect.poll(() => badge.textContent(), SLOW).toBe('Draft differs from v1');
      await page.getByTestId('see-changes').click();
      const history = page.getByTestId('history-dialog');
      await history.getByText('Wait “Give them time” changed from 4 days to 5 days').waitFor();
      await page.screenshot({ path: join(artifacts, 'publish-1-draft-differs.png') });
      await history.getByRole('button', { name: 'Close' }).click();

      // The publish dialog: the change in words and the contact in the flow now.
      await page.getByRole('button', { name: 'Publish…' }).click();
      const dialog = page.getByTestId('publish-dialog');
      await dialog.getByTestId('publish-changes').getByText('Wait “Give them time” changed from 4 days to 5 days').waitFor();
      await expect.poll(() => dialog.getByTestId('publish-contacts').textContent(), SLOW).toContain('1 contact is in this flow now.');
      expect(await dialog.getByTestId('publish-blocked').count()).toBe(0);
      await page.screenshot({ path: join(artifacts, 'publish-2-dialog.png') });
      await dialog.getByLabel('What changed? (optional)').fill('Five days');
      await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
      await expect.poll(() => badge.textContent(), SLOW).toBe('Published v2');
      // With a contact in the flow the dialog stays open, offering to move it to the new version.
      await expect.poll(() => dialog.textContent(), SLOW).toContain('Published version 2.');
      await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();

      // Unchanged: the dialog says why it cannot publish, and Publish is disabled.
      await page.getByRole('button', { name: 'Publish…' }).click();
      await expect
        .poll(() => dialog.getByTestId('publish-blocked').textContent(), SLOW)
        .toBe('Nothing changed since version 2: change the flow to publish a new version.');
      expect(await dialog.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(true);
      await page.screenshot({ path: join(artifacts, 'publish-3-unchanged.png') });
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      // The flow list says so too, with the changes one click away.
      await page.getByTestId('node-inspector').getByLabel('Duration', { exact: true }).fill('6');
      await expect.poll(() => badge.textContent(), SLOW).toBe('Draft differs from v2');
      await expect.poll(() => page.getByTestId('save-status').getAttribute('data-state'), SLOW).toBe('saved');
      await page.getByRole('link', { name: 'Back to all flows' }).click();
      const row = page.getByTestId('flow-row-trust-edits');
      await expect.poll(() => row.textContent(), SLOW).toContain('Draft differs from v2');
      await row.getByRole('button', { name: /See the changes/ }).click();
      await page.getByTestId('draft-changes-dialog').getByText('Wait “Give them time” changed from 5 days to 6 days').waitFor();
      await page.screenshot({ path: join(artifacts, 'publish-4-list-changes.png') });
    }, 90_000);

    it('warns in the problems panel and the publish dialog when another live flow starts on the same trigger', async () => {
      await call('POST', '/flows', exampleOn('trust-live', 'trust_overlap_form', { name: 'Whitepaper already live' }));
      await call('POST', '/flows/trust-live/publish', {});
      await call('POST', '/flows', exampleOn('trust-overlap', 'trust_overlap_form'));

      await page.goto(`${server.baseUrl}/flows/trust-overlap`);
      const problems = page.getByTestId('problems');
      const warning =
        'Contacts who enter here also enter “Whitepaper already live” (live, version 1): both start on trust_overlap_form with form = whitepaper.';
      await expect.poll(() => problems.textContent(), SLOW).toContain(warning);
      await page.getByRole('button', { name: 'Publish…' }).click();
      const overlaps = page.getByTestId('publish-dialog').getByTestId('publish-overlaps');
      await expect
        .poll(() => overlaps.textContent(), SLOW)
        .toContain('also enter “Whitepaper already live” (live, version 1): both start on trust_overlap_form');
      await page.screenshot({ path: join(artifacts, 'publish-5-overlap.png') });
    }, 60_000);

    it('asks before a new connection replaces a port’s connection, and cut-off steps block publishing', async () => {
      await call('POST', '/flows', exampleOn('trust-connect', 'trust_connect_form'));
      await page.goto(`${server.baseUrl}/flows/trust-connect`);
      const edges = page.locator('.react-flow__edge');
      await expect.poll(() => edges.count(), SLOW).toBe(example.edges.length);
      await expect.poll(() => page.getByTestId('error-count').textContent(), SLOW).toBe('0 errors');

      // "Send the whitepaper" leads to "Clicked within 3 days?"; dragging its port to "Done" asks first.
      const welcomePort = page.locator('.react-flow__node[data-id="welcome"] .react-flow__handle.source');
      const doneInput = page.locator('.react-flow__node[data-id="done"] .react-flow__handle.target');
      await drag(page, welcomePort, doneInput);
      const prompt = page.getByTestId('replace-connection');
      await prompt.getByText('Replace the connection to “Clicked within 3 days?”?').waitFor();
      await page.screenshot({ path: join(artifacts, 'publish-6-replace-connection.png') });
      await prompt.getByRole('button', { name: 'Keep the old one' }).click();
      await expect.poll(() => prompt.count()).toBe(0);
      expect(await edges.count()).toBe(example.edges.length);
      expect(await page.getByTestId('error-count').textContent()).toBe('0 errors');

      await drag(page, welcomePort, doneInput);
      await prompt.getByRole('button', { name: 'Replace' }).click();
      // The steps after the welcome email are cut off: errors now, and Publish… is disabled.
      await expect.poll(() => page.getByTestId('error-count').textContent(), SLOW).toBe('7 errors');
      expect(await page.getByTestId('problems').textContent()).toContain('connect it to the flow or delete it before publishing');
      expect(await page.getByRole('button', { name: 'Publish…' }).isDisabled()).toBe(true);
      await page.screenshot({ path: join(artifacts, 'publish-7-unreachable.png') });
    }, 60_000);

    it('tells flows of the same name apart by their id, and keeps the New flow dialog’s Create button in view, saying why it is disabled', async () => {
      await call('POST', '/flows', exampleOn('trust-twin-a', 'trust_twin', { name: 'Twin name' }));
      await call('POST', '/flows', exampleOn('trust-twin-b', 'trust_twin', { name: 'Twin name' }));
      await call('POST', '/flows', exampleOn('trust-single', 'trust_single', { name: 'Only one of its name' }));
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto(`${server.baseUrl}/`);
      await page.getByTestId('flow-list').waitFor();
      expect(await page.getByTestId('flow-id-trust-twin-a').textContent()).toBe('trust-twin-a');
      expect(await page.getByTestId('flow-id-trust-twin-b').textContent()).toBe('trust-twin-b');
      expect(await page.getByTestId('flow-id-trust-single').count()).toBe(0);
      await page.screenshot({ path: join(artifacts, 'publish-8-same-names.png') });

      await page.getByRole('button', { name: 'New flow' }).first().click();
      const dialog = page.getByTestId('new-flow-dialog');
      await expect.poll(() => dialog.getByRole('radio').count(), SLOW).toBeGreaterThan(3);
      const create = dialog.getByRole('button', { name: 'Create flow' });
      const reason = dialog.getByTestId('create-disabled-reason');
      expect(await create.isDisabled()).toBe(true);
      expect(await reason.textContent()).toBe('Give the flow a name to create it.');
      await expect.poll(() => inView(page, create)).toBe(true);
      // The templates scroll in their own box above the buttons, never under them.
      const templates = (await dialog.getByTestId('new-flow-templates').boundingBox())!;
      expect(templates.y + templates.height).toBeLessThanOrEqual((await create.boundingBox())!.y);
      await page.screenshot({ path: join(artifacts, 'publish-9-new-flow.png') });

      await dialog.getByLabel('Name', { exact: true }).fill('Trust twin A');
      await dialog.getByLabel('ID', { exact: true }).fill('trust-twin-a');
      await expect.poll(() => reason.textContent()).toBe('Another flow has this ID.');
      await dialog.getByLabel('ID', { exact: true }).fill('trust-twin-c');
      await expect.poll(() => reason.count()).toBe(0);
      expect(await create.isDisabled()).toBe(false);
      expect(await inView(page, create)).toBe(true);
    }, 60_000);
  });
}

/** Whether the whole element is inside the window, with nothing to scroll. */
async function inView(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const view = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.y + box.height <= view.height && box.x >= 0 && box.x + box.width <= view.width;
}

/** Drags with the mouse from one element's centre to another's, in small steps as a hand would. */
async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}
