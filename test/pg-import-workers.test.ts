// A contact import of several slices on PostgreSQL with two workers over one database: each
// row is applied once, by whichever worker holds its contact, and the contacts and enrolments
// equal those of the same imports on SQLite; and a row waits in line behind its contact's inputs,
// failing when they changed the email it was found by. Without PostgreSQL this file fails, saying so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_SLICE } from '../apps/server/src/contactImporter.ts';
import { CONTACT_LOCK } from '../apps/server/src/pg/pgReads.ts';
import { createTestSchema, type TestSchema } from '../apps/server/src/pg/pgTestSchema.ts';
import { startPgTestServer, type PgTestServer } from '../apps/server/src/pg/pgTestServer.ts';
import { createTestApp, type TestApp } from '../apps/server/src/testApp.ts';
import { mqlFlow } from './importFlows.ts';
import type { Call } from './storeParity.ts';

const EXISTING = 3000;
const NEW = 1500;
/** Rows of the second import that change nothing: n as it is (every fifth) and no stage (not every third). */
const UNCHANGED = EXISTING / 5 - EXISTING / 15;
/** The contacts, by id: more rows than one slice. */
const first = ['id,email,stage,n', ...Array.from({ length: EXISTING }, (_, i) => `p${i},p${i}@acme.io,lead,${i}`)].join('\n');
/**
 * The same contacts by email, a third of them made mqls (entering the flow), some left as they
 * are, new ones, a bad row, and at the end rows for contacts that the first slice changed.
 */
const second = [
  'email,stage,n',
  ...Array.from({ length: EXISTING }, (_, i) => `p${i}@acme.io,${i % 3 === 0 ? 'mql' : ''},${i % 5 === 0 ? i : i + 1}`),
  ...Array.from({ length: NEW }, (_, i) => `q${i}@acme.io,${i % 2 ? 'lead' : ''},${i}`),
  'r@acme.io,boss,1',
  ...Array.from({ length: 10 }, (_, i) => `P${i}@ACME.io,mql,again`),
].join('\n');

const csv = (call: Call, text: string, query: string) => call('POST', `/api/contacts/import${query}`, text, { 'Content-Type': 'text/csv' });

/** Runs the imports on one store: their answers. */
async function importBoth(call: Call) {
  expect((await call('PUT', '/api/flows/to-mql', mqlFlow)).status).toBe(201);
  expect((await call('POST', '/api/flows/to-mql/publish', {})).status).toBe(201);
  return [(await csv(call, first, '?key=id')).body, (await csv(call, second, '')).body];
}

type Contact = { email: string; stage: string; owner: string | null; properties: string };
const byEmail = (rows: Contact[]) => rows.map((r) => ({ ...r, properties: JSON.parse(r.properties) })).sort((a, b) => a.email.localeCompare(b.email));

let schema: TestSchema;
let a: PgTestServer;
let b: PgTestServer;
let sqlite: TestApp;
beforeAll(async () => {
  schema = await createTestSchema();
  a = await startPgTestServer(schema);
  b = await startPgTestServer(schema);
  sqlite = createTestApp();
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await schema?.drop();
  await sqlite?.close();
});

describe('a contact import on PostgreSQL with two workers', () => {
  it('applies every row of a many-slice import once, leaving the contacts and enrolments SQLite leaves', async () => {
    expect(second.split('\n').length - 1).toBeGreaterThan(2 * IMPORT_SLICE);
    const onSqlite = await importBoth(sqlite.call);
    const applied = [a.server.worker.applied, b.server.worker.applied];
    const onPg = await importBoth(a.call);
    expect(onPg).toEqual(onSqlite);
    expect(onSqlite).toEqual([
      { created: EXISTING, updated: 0, unchanged: 0, failed: [] },
      // Unchanged: the same n and no new stage. The last ten rows write the email in capitals, so each changes its contact.
      {
        created: NEW,
        updated: EXISTING - UNCHANGED + 10,
        unchanged: UNCHANGED,
        failed: [{ row: EXISTING + NEW + 1, column: 'stage', error: expect.any(String) }],
      },
    ]);
    // Both workers applied rows of the import.
    expect(a.server.worker.applied).toBeGreaterThan(applied[0]!);
    expect(b.server.worker.applied).toBeGreaterThan(applied[1]!);

    const contactsSql = 'SELECT email, stage, owner, properties FROM contacts ORDER BY email';
    const pgContacts = byEmail((await schema.pool.query<Contact>(contactsSql)).rows);
    expect(pgContacts).toEqual(byEmail(sqlite.db.prepare(contactsSql).all() as Contact[]));
    expect(pgContacts).toHaveLength(EXISTING + NEW);
    expect(pgContacts.find((c) => c.email === 'P1@ACME.io')).toMatchObject({ stage: 'mql', properties: { n: 'again' } });

    type Enrolment = { email: string; flow_id: string; status: string };
    const enrolmentsSql = `SELECT c.email, e.flow_id, e.status FROM enrolments e JOIN contacts c ON c.id = e.contact_id`;
    const sorted = (rows: Enrolment[]) => [...rows].sort((x, y) => x.email.localeCompare(y.email));
    const pgEnrolments = sorted((await schema.pool.query<Enrolment>(enrolmentsSql)).rows);
    expect(pgEnrolments).toEqual(sorted(sqlite.db.prepare(enrolmentsSql).all() as Enrolment[]));
    // A third of the contacts became mqls in the second import, and six more of the ten at its end; each entered once.
    expect(pgEnrolments).toHaveLength(EXISTING / 3 + 6);
  });

  it('applies a row after the inputs its contact had in line, and fails it when they changed the email it was found by', async () => {
    const inbox = async (contactId: string) => (await schema.pool.query('SELECT kind FROM inbox WHERE contact_id = $1 ORDER BY n', [contactId])).rows;
    expect((await a.call('PUT', '/api/contacts/c-moved', { email: 'old@acme.io', properties: { plan: 'free' } })).status).toBe(201);
    // Holding the contact's lock, as a worker's batch does, so its inputs wait in line.
    const lock = await schema.pool.connect();
    try {
      await lock.query(`BEGIN; SELECT pg_advisory_xact_lock(${CONTACT_LOCK("'c-moved'")})`);
      const moved = a.call('PUT', '/api/contacts/c-moved', { email: 'new@acme.io' });
      await until(async () => (await inbox('c-moved')).length === 1);
      // Planned against the contact as stored (old@acme.io, the change still waiting), queued behind the change.
      const imported = csv(a.call, 'email,plan\nold@acme.io,pro\n', '');
      await until(async () => (await inbox('c-moved')).length === 2);
      expect(await inbox('c-moved')).toEqual([{ kind: 'contactUpdate' }, { kind: 'contactImport' }]);
      await lock.query('COMMIT');
      expect((await moved).status).toBe(200);
      expect((await imported).body).toEqual({
        created: 0,
        updated: 0,
        unchanged: 0,
        failed: [{ row: 1, column: 'email', error: 'The contact "c-moved" changed its email while the import waited; import the row again.' }],
      });
    } finally {
      await lock.query('ROLLBACK').catch(() => {});
      lock.release();
    }
    expect((await a.call('GET', '/api/contacts/c-moved')).body.contact).toMatchObject({ email: 'new@acme.io', properties: { plan: 'free' } });
  });
});

/** Waits until `done` says so, looking again every few milliseconds. */
async function until(done: () => Promise<boolean>) {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 5));
}
