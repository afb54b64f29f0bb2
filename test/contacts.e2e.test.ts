// The Contacts page as a marketer uses it, in headless Chromium: import a CSV file with a column
// mapped by hand, see the check's bad rows and the import's summary, add a contact by hand, and
// enrol a selection of a search result in a flow with a manual trigger.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifacts } from './launchChromium.ts';
import { e2eUnavailable, type RunningServer } from './e2eServer.ts';
import { serverApi, useE2eSession } from './e2eHarness.ts';

const unavailable = e2eUnavailable();

const byHandFlow = {
  format: 'hourglass.flow/1',
  id: 'welcome-by-hand',
  name: 'Welcome by hand',
  settings: {},
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'manual' } },
    { id: 'wait', type: 'wait', config: { for: 'P1D' } },
    { id: 'done', type: 'exit', config: {} },
  ],
  edges: [
    { from: 'start', to: 'wait' },
    { from: 'wait', to: 'done' },
  ],
};

// "Mail" is not a field's name: the marketer maps it to the email address, renames "Firma" and skips "Notizen".
const leadsCsv = [
  'Mail;Stage;Firma;Notizen',
  'anna@acme.io;lead;Acme;call back',
  'ben@acme.io;boss;Acme;',
  ';lead;Nobody Inc.;no address',
  'carla@acme.io;mql;"Acme; Labs";',
].join('\r\n');

if (unavailable) {
  describe.skip(`contacts end to end (skipped: ${unavailable})`, () => {
    it('imports, adds and enrols contacts', () => {});
  });
} else {
  // One server for all; each test starts signed in on a blank page and makes the contacts it needs,
  // so that any test runs alone or in any order.
  describe('the Contacts page in Chromium', () => {
    let server: RunningServer;
    let page: Page;
    const { call: api } = serverApi(() => server);

    const openContacts = async () => {
      await page.goto(`${server.baseUrl}/contacts`);
      await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();
    };

    useE2eSession((s) => ({ server, page } = s), {
      setUp: async () => {
        await api('PUT', `/flows/${byHandFlow.id}`, byHandFlow);
        expect((await api('POST', `/flows/${byHandFlow.id}/publish`, {})).status).toBe(201);
      },
    });

    it('imports a CSV file with a column mapped by hand, lists the bad rows of the check, then imports with a summary', async () => {
      await openContacts();
      await page.getByRole('button', { name: 'Import CSV…' }).click();
      const dialog = page.getByTestId('import-dialog');
      await dialog.getByLabel('CSV file').setInputFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(leadsCsv) });
      await dialog.getByTestId('column-map').waitFor();
      await expect.poll(() => dialog.getByText('One column must be the email address').count()).toBe(1);
      await dialog.getByLabel('What “Mail” becomes').selectOption('email');
      await dialog.getByLabel('Property name for “Firma”').fill('company');
      await dialog.getByLabel('What “Notizen” becomes').selectOption('skip');
      await page.screenshot({ path: join(artifacts, 'contacts-1-mapping.png') });

      await dialog.getByRole('button', { name: 'Check the file' }).click();
      const check = dialog.getByTestId('import-check');
      await check.waitFor();
      await expect.poll(() => check.textContent()).toContain('2 new contacts to create, 0 to update, 0 unchanged, 2 rows with problems');
      const problems = await check.locator('tbody tr').allTextContents();
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(/^2Stage.*Not a lifecycle stage/);
      expect(problems[1]).toMatch(/^3Mail.*email is empty/);
      await page.screenshot({ path: join(artifacts, 'contacts-2-check.png') });
      expect((await api('GET', '/contacts?search=carla')).body.contacts).toHaveLength(0);

      await dialog.getByRole('button', { name: 'Import 2 contacts' }).click();
      const summary = dialog.getByTestId('import-summary');
      await summary.waitFor();
      expect(await summary.textContent()).toContain('2 contacts created, 0 updated, 0 unchanged, 2 rows with problems skipped');
      await page.screenshot({ path: join(artifacts, 'contacts-3-imported.png') });
      const carla = (await api('GET', '/contacts?search=carla')).body.contacts[0];
      expect(carla).toMatchObject({ email: 'carla@acme.io', stage: 'mql', properties: { company: 'Acme; Labs' } });
      expect(carla.properties.Notizen).toBeUndefined();
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'hidden' });
    });

    it('adds a contact by hand with properties as fields', async () => {
      await openContacts();
      await page.getByRole('button', { name: 'Add a contact' }).click();
      const form = page.getByTestId('contact-form');
      await form.getByLabel('Email address').fill('dora@acme.io');
      await form.getByLabel('Lifecycle stage').selectOption('lead');
      await form.getByRole('button', { name: 'Add a property' }).click();
      await form.getByLabel('Property name').fill('firstName');
      await form.getByLabel('Value of firstName').fill('Dora');
      await form.getByRole('button', { name: 'Add a property' }).click();
      await form.getByLabel('Property name').nth(1).fill('employees');
      await form.getByLabel('Value of employees').fill('250');
      await page.screenshot({ path: join(artifacts, 'contacts-4-add.png') });
      await form.getByRole('button', { name: 'Add the contact' }).click();
      await page.getByTestId('contact-detail').getByText('dora@acme.io').waitFor();
      const dora = (await api('GET', '/contacts?search=dora')).body.contacts[0];
      expect(dora).toMatchObject({ email: 'dora@acme.io', stage: 'lead', properties: { firstName: 'Dora', employees: 250 } });
    });

    it('enrols a selection of a search result in a flow with a manual trigger', async () => {
      expect((await api('PUT', '/contacts/c-ella', { email: 'ella@initech.io', stage: 'lead', properties: { firstName: 'Ella' } })).status).toBe(201);
      expect((await api('PUT', '/contacts/c-finn', { email: 'finn@initech.io', stage: 'lead' })).status).toBe(201);
      expect((await api('PUT', '/contacts/c-gus', { email: 'gus@initech.io', stage: 'lead' })).status).toBe(201);
      await openContacts();
      await page.getByLabel('Search contacts').fill('initech');
      await page.getByLabel('Select Ella').waitFor();
      await page.getByLabel('Select Ella').check();
      await page.getByLabel('Select finn@initech.io').check();
      const bar = page.getByTestId('enrol-selection');
      await bar.getByLabel('Flow to enrol the selection in').selectOption({ label: 'Welcome by hand' });
      await bar.getByRole('button', { name: 'Enrol 2' }).click();
      await bar.getByRole('status').filter({ hasText: 'Enrolled 2 of 2.' }).waitFor();
      await page.screenshot({ path: join(artifacts, 'contacts-5-enrolled.png') });
      const enrolments = (await api('GET', `/flows/${byHandFlow.id}/enrolments`)).body;
      const ids = new Set(enrolments.enrolments.map((e: { contactId: string }) => e.contactId));
      const contacts = (await api('GET', '/contacts?search=initech')).body.contacts as { id: string; email: string }[];
      expect(
        contacts
          .filter((c) => ids.has(c.id))
          .map((c) => c.email)
          .sort(),
      ).toEqual(['ella@initech.io', 'finn@initech.io']);
    });
    it('shows on the contact page and in the flow editor that an email could not be sent, and why', async () => {
      const broken = {
        format: 'hourglass.flow/1',
        id: 'broken-welcome',
        name: 'Broken welcome',
        settings: {},
        nodes: [
          { id: 'start', type: 'trigger', config: { on: 'event', event: 'signup' } },
          // Valid to publish, but too big to render: the event must stay, the failure must show.
          { id: 'welcome', type: 'sendEmail', label: 'Welcome email', config: { subject: 'Welcome', body: '{% for i in (1..10000000) %}{{ i }}{% endfor %}' } },
          { id: 'done', type: 'exit', config: {} },
        ],
        edges: [
          { from: 'start', to: 'welcome' },
          { from: 'welcome', to: 'done' },
        ],
      };
      await api('PUT', `/flows/${broken.id}`, broken);
      expect((await api('POST', `/flows/${broken.id}/publish`, {})).status).toBe(201);
      expect((await api('PUT', '/contacts/c-eve', { email: 'eve@acme.io', stage: 'lead', properties: { firstName: 'Eve' } })).status).toBe(201);
      expect((await api('POST', '/events', { events: [{ id: 'e-eve-signup', contactId: 'c-eve', type: 'signup' }] })).status).toBe(202);

      await page.goto(`${server.baseUrl}/contacts/c-eve`);
      const onContact = page.getByTestId('failed-emails');
      await onContact.waitFor();
      expect(await onContact.textContent()).toMatch(/1 email could not be sent.*builds more than 1,048,576 characters/);
      await page.screenshot({ path: join(artifacts, 'contacts-6-failed-email.png') });

      await page.goto(`${server.baseUrl}/flows/${broken.id}`);
      const inEditor = page.getByTestId('failed-emails');
      await inEditor.waitFor();
      expect(await inEditor.textContent()).toMatch(/1 email could not be sent \(step welcome\)/);
      await page.screenshot({ path: join(artifacts, 'editor-failed-email.png') });
    });
  });
}
