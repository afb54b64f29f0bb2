// A form with consent as a marketer and a visitor use it, in headless Chromium: make the form
// on the Forms page, start a flow on its `form_submitted` event, fill the hosted page (once
// without the required consent), confirm through the link in the captured email, and see the
// contact in the flow with the proof of consent on the contact's page.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifacts, cspViolations, desktopPage } from './launchChromium.ts';
import { e2eUnavailable, type RunningServer } from './e2eServer.ts';
import { serverApi, useE2eSession } from './e2eHarness.ts';

const unavailable = e2eUnavailable();

const whitepaperFlow = {
  format: 'hourglass.flow/1',
  id: 'whitepaper-nurture',
  name: 'Whitepaper nurture',
  settings: {},
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'event', event: 'form_submitted', where: { form: 'whitepaper' } } },
    { id: 'wait', type: 'wait', config: { for: 'P3D' } },
    { id: 'done', type: 'exit', config: {} },
  ],
  edges: [
    { from: 'start', to: 'wait' },
    { from: 'wait', to: 'done' },
  ],
};

const CONSENT = "I agree to receive emails about Acme's products. I can unsubscribe at any time.";

if (unavailable) {
  describe.skip(`forms end to end (skipped: ${unavailable})`, () => {
    it('collects a contact with consent through a hosted form', () => {});
  });
} else {
  describe('a form with consent in Chromium', () => {
    let server: RunningServer;
    let browser: Browser;
    let page: Page;
    const { call: api } = serverApi(() => server);
    const shot = (name: string) => page.screenshot({ path: join(artifacts, `forms-${name}.png`), fullPage: true });

    useE2eSession((s) => ({ server, browser, page } = s), {
      setUp: async () => page.context().setDefaultTimeout(10_000),
    });

    it('makes a form, takes a post with consent, confirms it through the emailed link and starts the flow', async () => {
      const publicUrl = (await api('GET', '/settings/public')).body?.publicUrl as string;
      expect(publicUrl).toMatch(/^http:\/\//);

      // The marketer makes the form.
      await page.goto(`${server.baseUrl}/forms`);
      await page.getByRole('heading', { name: 'Forms', exact: true }).waitFor();
      await page.getByRole('button', { name: 'New form' }).click();
      const editor = page.getByRole('form', { name: 'Form editor' });
      await editor.getByLabel('Form id').fill('whitepaper');
      await editor.getByLabel("Name (the page's heading)").fill('Get the whitepaper');
      await editor.getByRole('button', { name: 'Add a field' }).click();
      await editor.getByLabel('Field 3 name').fill('company');
      await editor.getByLabel('Field 3 label').fill('Company');
      await editor.getByLabel('Field 3 required').check();
      await editor.getByLabel(/^Consent text/).fill(CONSENT);
      expect(await editor.getByLabel(/Double opt-in/).isChecked()).toBe(true);
      const preview = page.getByRole('region', { name: 'Preview' });
      await preview.getByText('Company *').waitFor();
      await preview.getByText(CONSENT).waitFor();
      await shot('1-new');
      await editor.getByRole('button', { name: 'Save form' }).click();
      await page.waitForURL(/\/forms\/whitepaper$/);
      const hosted = page.getByTestId('hosted-link');
      await hosted.waitFor();
      // The addresses are the server's public one, not the browser's.
      expect(await hosted.textContent()).toBe(`${publicUrl}/f/whitepaper`);
      expect(await page.getByTestId('embed-snippet').textContent()).toBe(`<script src="${publicUrl}/f/whitepaper/embed.js" async></script>`);
      await shot('2-saved');
      const saved = (await api('GET', '/forms/whitepaper')).body;
      expect(saved).toMatchObject({ name: 'Get the whitepaper', doubleOptIn: true, consent: { text: CONSENT, required: true } });
      expect(saved.fields.map((f: { name: string }) => f.name)).toEqual(['email', 'firstName', 'company']);

      await api('PUT', `/flows/${whitepaperFlow.id}`, whitepaperFlow);
      expect((await api('POST', `/flows/${whitepaperFlow.id}/publish`, {})).status).toBe(201);

      // A visitor forgets the consent: 422, the message, nothing stored.
      const visitor = await desktopPage(browser);
      await visitor.goto(`${server.baseUrl}/f/whitepaper`);
      await visitor.getByRole('heading', { name: 'Get the whitepaper' }).waitFor();
      await visitor.getByLabel('Email *').fill('nora@example.org');
      await visitor.getByLabel('First name').fill('Nora');
      await visitor.getByLabel('Company *').fill('Globex');
      await visitor.screenshot({ path: join(artifacts, 'forms-3-hosted.png'), fullPage: true });
      const [refused] = await Promise.all([
        visitor.waitForResponse((r) => r.request().method() === 'POST'),
        visitor.getByRole('button', { name: 'Submit' }).click(),
      ]);
      expect(refused.status()).toBe(422);
      await visitor.getByRole('alert').waitFor();
      expect(await visitor.locator('main').textContent()).toMatch(/Please correct the field marked below/);
      // What the visitor typed is kept.
      expect(await visitor.getByLabel('Company *').inputValue()).toBe('Globex');
      await visitor.screenshot({ path: join(artifacts, 'forms-4-missing-consent.png'), fullPage: true });
      expect((await api('GET', '/contacts?search=nora')).body.contacts).toHaveLength(0);

      // Now with consent: the thanks page, and the confirmation email in the local mailbox.
      await visitor.getByLabel(CONSENT).check();
      await visitor.getByRole('button', { name: 'Submit' }).click();
      await visitor.getByRole('heading', { name: 'Please check your email' }).waitFor();
      expect(new URL(visitor.url()).pathname).toBe('/f/whitepaper/thanks');
      await visitor.screenshot({ path: join(artifacts, 'forms-5-thanks.png'), fullPage: true });
      const [nora] = (await api('GET', '/contacts?search=nora')).body.contacts;
      expect(nora).toMatchObject({ email: 'nora@example.org', properties: { firstName: 'Nora', company: 'Globex' } });
      expect((await api('GET', `/flows/${whitepaperFlow.id}/enrolments`)).body.enrolments).toHaveLength(0);

      let email: { to: string; subject: string; body: string; status: string } | undefined;
      await expect
        .poll(async () => {
          email = (await api('GET', `/outbox?contact=${nora.id}&kind=notification`)).body.emails[0];
          return email?.status;
        })
        .toBe('sent');
      expect(email).toMatchObject({ to: 'nora@example.org', subject: 'Please confirm your subscription' });
      const link = /\((https?:\/\/[^)\s]+\/c\/[^)\s]+)\)/.exec(email!.body)?.[1];
      expect(link?.startsWith(`${publicUrl}/c/`)).toBe(true);

      // The visitor follows the link: confirmed, and the contact enters the flow.
      await visitor.goto(link!);
      await visitor.getByRole('heading', { name: 'You are confirmed' }).waitFor();
      await visitor.screenshot({ path: join(artifacts, 'forms-6-confirmed.png'), fullPage: true });
      expect(cspViolations(visitor)).toEqual([]);
      await visitor.context().close();
      await expect
        .poll(async () => (await api('GET', `/flows/${whitepaperFlow.id}/enrolments`)).body.enrolments.map((e: { contactId: string }) => e.contactId))
        .toEqual([nora.id]);

      // The marketer sees the flow and the proof of consent on the contact's page.
      await page.goto(`${server.baseUrl}/contacts/${nora.id}`);
      const detail = page.getByTestId('contact-detail');
      await detail.getByText('nora@example.org').waitFor();
      const consents = page.getByRole('region', { name: 'Consents' });
      await consents.getByText(CONSENT).waitFor();
      await page.getByRole('region', { name: 'Flows' }).getByRole('cell', { name: 'Whitepaper nurture v1' }).waitFor();
      await shot('7-contact');
      const row = await consents.locator('tbody tr').textContent();
      expect(row).toContain('Get the whitepaper');
      expect(row).toMatch(/127\.0\.0\.1/);
      expect(row).toMatch(/Confirmed/);
      expect(row).not.toMatch(/\d{4}-\d\d-\d\dT/);
    });
  });
}
