// The email as the contact will see it, in headless Chromium: the inspector's preview (HTML in a
// sandboxed frame at desktop and phone widths, and the text part) and the mailbox's HTML of a
// sent email, which must not count as the contact opening or clicking it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { Flow } from '@hourglass/documents';
import { artifacts } from './launchChromium.ts';
import { e2eUnavailable, type RunningServer } from './e2eServer.ts';
import { serverApi, useE2eSession } from './e2eHarness.ts';
import { readFixture } from './fixtures.ts';

const example = Flow.parse(readFixture('whitepaper-nurture', 'flow.json'));
// The welcome email with a link, so that the HTML part has a link to track.
const body = 'Hi {{ contact.firstName | default: "there" }},\n\nhere is **the whitepaper** you asked for: [read it](https://example.com/paper).';
const flow = {
  ...example,
  id: 'preview-flow',
  name: 'Preview',
  nodes: example.nodes.map((n) => (n.id === 'welcome' ? { ...n, config: { ...n.config, body } } : n)),
};

const unavailable = e2eUnavailable();

if (unavailable) {
  console.warn(`The email preview's end-to-end tests are skipped: ${unavailable}.`);
  describe.skip(`email preview end to end (skipped: ${unavailable})`, () => {
    it('shows the email as HTML at two widths', () => {});
  });
} else {
  describe('the email as the contact sees it, in Chromium', () => {
    let server: RunningServer;
    let page: Page;
    const { ok: api } = serverApi(() => server);
    /** The frame of an iframe element, once its document has the text. */
    const frameOf = async (selector: string, text: string): Promise<Frame> => {
      const frame = (await page.locator(selector).elementHandle())!.contentFrame();
      const f = (await frame)!;
      await f.getByText(text).first().waitFor();
      return f;
    };

    useE2eSession((s) => ({ server, page } = s), {
      setUp: async () => {
        await api('POST', '/flows', flow);
      },
    });

    it('shows the selected email step as HTML in a sandboxed frame at desktop and phone widths, and its text part', async () => {
      await page.goto(`${server.baseUrl}/flows/${flow.id}`);
      await page.getByTestId('node-welcome').click();
      const preview = page.getByTestId('email-preview');
      await preview.waitFor();
      const iframe = preview.locator('iframe[title="Email as HTML"]');
      expect(await iframe.getAttribute('sandbox')).toBe('');
      const html = await frameOf('[data-testid="email-preview"] iframe', 'the whitepaper');
      expect(await html.locator('strong').textContent()).toBe('the whitepaper');
      expect(await html.locator('a', { hasText: 'read it' }).getAttribute('href')).toBe('https://example.com/paper');
      // Laid out at a desktop reading pane's width, scaled down to fit the inspector.
      expect(await html.evaluate(() => window.innerWidth)).toBe(640);
      expect((await iframe.boundingBox())!.width).toBeLessThanOrEqual((await preview.boundingBox())!.width);
      await page.screenshot({ path: join(artifacts, 'email-preview-desktop.png') });

      await preview.getByRole('button', { name: /Phone/ }).click();
      const phone = await frameOf('[data-testid="email-preview"] iframe', 'the whitepaper');
      await expect.poll(() => phone.evaluate(() => window.innerWidth)).toBe(375);
      // The layout's media query narrows the card on a phone: it fits the frame without scrolling sideways.
      expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: join(artifacts, 'email-preview-phone.png') });

      // The text part as sent: the Markdown as written, the footer with the unsubscribe address.
      await preview.getByText('Text part').click();
      const text = await preview.getByTestId('email-text-part').textContent();
      expect(text).toContain('here is **the whitepaper** you asked for');
      expect(text).toMatch(/Unsubscribe: /);
    });

    it('shows a sent email as HTML in the mailbox, without recording an open or a click for the contact', async () => {
      await api('POST', `/flows/${flow.id}/publish`, { note: 'Preview' });
      await api('PUT', '/contacts/c-mia', { email: 'mia@example.com', properties: { firstName: 'Mia' } });
      await api('POST', '/events', { id: 'preview-1', contactId: 'c-mia', type: 'form_submitted', data: { form: 'whitepaper' } });

      await page.goto(`${server.baseUrl}/`);
      await page.getByRole('link', { name: 'Mailbox' }).click();
      await page.getByRole('button', { name: 'Your whitepaper, Mia' }).click();
      const html = await frameOf('iframe[title="HTML of Your whitepaper, Mia"]', 'the whitepaper');
      expect(await page.locator('iframe[title="HTML of Your whitepaper, Mia"]').getAttribute('sandbox')).toBe('');
      expect(await html.locator('strong').textContent()).toBe('the whitepaper');
      // Links lead nowhere here, and show where they would go.
      expect(await html.locator('a', { hasText: 'read it' }).getAttribute('href')).toBeNull();
      expect(await html.locator('a', { hasText: 'read it' }).getAttribute('title')).toMatch(/\/t\//);
      await html.getByText('read it').click();
      await page.getByRole('button', { name: /Phone/ }).click();
      await expect.poll(() => html.evaluate(() => window.innerWidth)).toBe(375);
      await page.screenshot({ path: join(artifacts, 'mailbox-html.png') });

      // Neither the open pixel nor the tracked link reached the server.
      await new Promise((r) => setTimeout(r, 500));
      const { events } = await api('GET', '/contacts/c-mia');
      expect(events.map((e: { type: string }) => e.type)).toEqual(['form_submitted']);
    });
  });
}
