import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, publishFlow, welcomeFlow, TEST_TOKEN, type TestApp } from '../testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const csv = (text: string, query = '') => t.call('POST', `/api/contacts/import${query}`, text, { 'Content-Type': 'text/csv' });
const bytes = (body: Uint8Array, type = 'text/csv') =>
  t.app.request('/api/contacts/import', { method: 'POST', body: body as BodyInit, headers: { Authorization: `Bearer ${TEST_TOKEN}`, 'Content-Type': type } });
const contactCount = () => (t.db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n;

describe('POST /api/contacts/import', () => {
  it('creates contacts from a CSV file, with properties as numbers where they are numbers', async () => {
    t = createTestApp();
    const r = await csv(
      'email,stage,owner,firstName,employees,zip,unsubscribed\nanna@acme.io,lead,sam@example.com,Anna,120,01234,yes\nben@globex.io,,,Ben,,,\n',
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ created: 2, updated: 0, unchanged: 0, failed: [] });
    const [anna] = (await t.call('GET', '/api/contacts?search=anna@acme.io')).body.contacts;
    expect(anna).toMatchObject({
      email: 'anna@acme.io',
      stage: 'lead',
      owner: 'sam@example.com',
      properties: { firstName: 'Anna', employees: 120, zip: '01234', unsubscribed: true },
    });
    const [ben] = (await t.call('GET', '/api/contacts?search=ben@globex.io')).body.contacts;
    expect(ben).toMatchObject({ stage: 'subscriber', owner: null, properties: { firstName: 'Ben' } });
  });

  it('reads a file separated by semicolons, with quoted cells holding separators, quotes and line breaks', async () => {
    t = createTestApp();
    const r = await csv('\uFEFFid;Email;note\r\nc1;anna@acme.io;"says ""hi""; then\nleaves"\r\n');
    expect(r.body).toEqual({ created: 1, updated: 0, unchanged: 0, failed: [] });
    expect((await t.call('GET', '/api/contacts/c1')).body.contact).toMatchObject({ email: 'anna@acme.io', properties: { note: 'says "hi"; then\nleaves' } });
  });

  it('updates the contact with the same email, counts rows that change nothing, and an update is an input to the flows', async () => {
    t = createTestApp();
    await publishFlow(
      t,
      welcomeFlow('welcome', {
        nodes: [
          { id: 'start', type: 'trigger', config: { on: 'stage', stage: 'mql' } },
          { id: 'done', type: 'exit', config: {} },
        ],
        edges: [{ from: 'start', to: 'done' }],
      }),
    );
    await t.call('PUT', '/api/contacts/c-anna', { email: 'Anna@Acme.io', stage: 'lead', properties: { plan: 'free' } });
    const r = await csv('email,stage,plan\nanna@acme.io,mql,free\nanna@acme.io,mql,free\nnew@acme.io,,free\n');
    expect(r.body).toEqual({ created: 1, updated: 1, unchanged: 1, failed: [] });
    const detail = (await t.call('GET', '/api/contacts/c-anna')).body;
    expect(detail.contact).toMatchObject({ email: 'anna@acme.io', stage: 'mql' });
    expect(detail.enrolments).toMatchObject([{ flowId: 'welcome', status: 'completed' }]);
  });

  it('finds contacts by id with key=id and creates one under the id of its row', async () => {
    t = createTestApp();
    await t.call('PUT', '/api/contacts/c1', { email: 'old@acme.io' });
    const r = await csv('id,email\nc1,new@acme.io\nc2,two@acme.io\n,three@acme.io\n', '?key=id');
    expect(r.body).toEqual({
      created: 1,
      updated: 1,
      unchanged: 0,
      failed: [{ row: 3, column: 'id', error: 'The id is empty; it is needed to find the contact.' }],
    });
    expect((await t.call('GET', '/api/contacts/c1')).body.contact.email).toBe('new@acme.io');
    expect((await t.call('GET', '/api/contacts/c2')).status).toBe(200);
  });

  it('skips and reports each bad row with its number and column, and imports the rest', async () => {
    t = createTestApp();
    const r = await csv('email,stage,unsubscribed\na@acme.io,lead,no\n,lead,no\nb@acme.io,boss,no\nc@acme.io,lead,maybe\nd@acme.io,lead\n');
    expect(r.status).toBe(200);
    expect(r.body.created).toBe(1);
    expect(r.body.failed).toEqual([
      { row: 2, column: 'email', error: 'The email is empty; it is needed to find the contact.' },
      { row: 3, column: 'stage', error: expect.stringContaining('Not a lifecycle stage') },
      { row: 4, column: 'unsubscribed', error: '"maybe" is not yes or no: write true, false, yes, no, 1 or 0.' },
      { row: 5, error: 'The row has 2 cells but the header has 3.' },
    ]);
  });

  it('answers a dry run exactly as the import, and writes nothing', async () => {
    t = createTestApp();
    await t.call('PUT', '/api/contacts/c1', { email: 'anna@acme.io', properties: { plan: 'free' } });
    const file = 'email,plan\nanna@acme.io,free\nanna@acme.io,pro\nben@acme.io,free\nben@acme.io,pro\nben@acme.io,pro\n,x\n';
    const dry = await csv(file, '?dryRun=true');
    expect(dry.body).toEqual({ created: 1, updated: 2, unchanged: 2, failed: [{ row: 6, column: 'email', error: expect.any(String) }] });
    expect(contactCount()).toBe(1);
    expect((await t.call('GET', '/api/contacts/c1')).body.contact.properties).toEqual({ plan: 'free' });
    expect((await csv(file)).body).toEqual(dry.body);
    expect(contactCount()).toBe(2);
  });

  it('imports in slices yet counts every row, numbering them across slices', async () => {
    t = createTestApp();
    const lines = Array.from({ length: 4500 }, (_, i) => (i === 4321 ? 'boss@acme.io,boss' : `p${i}@acme.io,lead`));
    const r = await csv(`email,stage\n${lines.join('\n')}\n`);
    expect(r.body).toEqual({ created: 4499, updated: 0, unchanged: 0, failed: [{ row: 4322, column: 'stage', error: expect.any(String) }] });
    expect(contactCount()).toBe(4499);
  });

  it('refuses a file that is not UTF-8 and stores nothing', async () => {
    t = createTestApp();
    const latin1 = Uint8Array.from([...Buffer.from('email,city\nanna@acme.io,K'), 0xf6, ...Buffer.from('ln\n')]);
    const r = await bytes(latin1);
    expect(r.status).toBe(422);
    expect(await r.json()).toEqual({ error: 'The file is not UTF-8; save it as CSV UTF-8.' });
    expect((await csv('email\na@acme.io\n', '')).status).toBe(200);
    expect((await bytes(Buffer.from('email\nb@acme.io\n'), 'text/csv; charset=windows-1252')).status).toBe(422);
    expect(contactCount()).toBe(1);
  });

  it('refuses a header of a million columns with 422 and stores nothing', async () => {
    t = createTestApp();
    const header = ['email', ...Array.from({ length: 1_000_000 }, (_, i) => `c${i}`)].join(',');
    const r = await csv(`${header}\na@acme.io\n`);
    expect(r.status).toBe(422);
    expect(r.body.error).toBe('The header row has 1,000,001 columns; at most 1,000 are allowed.');
    expect(contactCount()).toBe(0);
  });

  it('refuses a quote that never closes, naming the line where it opened, and stores nothing', async () => {
    t = createTestApp();
    const r = await csv('email,note\na@acme.io,fine\nb@acme.io,"never closed\nc@acme.io,more\n');
    expect(r.status).toBe(422);
    expect(r.body.error).toBe('A quote opened in the record starting on line 3 is never closed.');
    expect(contactCount()).toBe(0);
  });

  it('refuses a file without the key column, with repeated or empty column names, or empty', async () => {
    t = createTestApp();
    expect((await csv('name,stage\nAnna,lead\n')).body.error).toBe(
      'The file has no "email" column, which finds each row\'s contact; add one, or import with key=id.',
    );
    expect((await csv('email,name\na@acme.io,Anna\n', '?key=id')).body.error).toContain('no "id" column');
    const repeated = await csv('email,Name,name\na@acme.io,A,B\n');
    expect(repeated.status).toBe(422);
    expect(repeated.body.error).toBe('The header row names the column "name" twice; every column needs its own name.');
    expect((await csv('email,,name\na@acme.io,x,B\n')).body.error).toBe('Column 2 of the header row has no name; name it or delete the column.');
    const empty = await csv('');
    expect(empty.status).toBe(422);
    expect(empty.body.error).toContain('The file is empty');
    expect((await csv('\n\n')).status).toBe(422);
    expect(contactCount()).toBe(0);
  });

  it('takes only text/csv (415 otherwise) and a known key', async () => {
    t = createTestApp();
    const json = await t.call('POST', '/api/contacts/import', { email: 'a@acme.io' });
    expect(json.status).toBe(415);
    expect(json.body.error).toBe('Send the file as CSV, with Content-Type: text/csv.');
    expect((await csv('email\na@acme.io\n', '?key=name')).status).toBe(400);
    expect((await csv('email\na@acme.io\n', '?dryRun=maybe')).status).toBe(400);
  });

  it("accepts a file above the API's body limit up to 50 MiB, and refuses a larger one with 413", async () => {
    t = createTestApp({ bodyLimit: 1024 });
    const big = `email,note\n${Array.from({ length: 100 }, (_, i) => `p${i}@acme.io,${'x'.repeat(50)}`).join('\n')}\n`;
    expect((await csv(big)).body.created).toBe(100);
    expect((await t.call('PUT', '/api/contacts/c1', { properties: { note: 'x'.repeat(2000) } })).status).toBe(413);
    const r = await t.app.request('/api/contacts/import', {
      method: 'POST',
      body: 'email\n',
      headers: { Authorization: `Bearer ${TEST_TOKEN}`, 'Content-Type': 'text/csv', 'Content-Length': String(50 * 1024 * 1024 + 1) },
    });
    expect(r.status).toBe(413);
    expect((await r.json()).error).toBe('The file is larger than 50 MiB; split it into smaller files.');
  });

  it('answers other requests while a large file is imported', async () => {
    t = createTestApp();
    const lines = Array.from({ length: 20_000 }, (_, i) => `p${i}@acme.io`);
    let importDone = false;
    const importing = csv(`email\n${lines.join('\n')}\n`).then((r) => {
      importDone = true;
      return r;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const health = await t.call('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(importDone).toBe(false);
    expect((await importing).body.created).toBe(20_000);
  });
});
