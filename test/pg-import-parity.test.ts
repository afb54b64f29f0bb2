// A contact import (POST /api/contacts/import, campaign spec §4) on PostgreSQL answers and does
// as on SQLite: one session of imports — by email and by id, a dry run, bad rows, an ambiguous
// email, files refused whole, imports that enrol contacts into live flows — then the contacts,
// their enrolments and the flows' reports read back, every answer compared.
// Without PostgreSQL this file fails, saying so.
import { describe, expect, it } from 'vitest';
import { welcomeFlow } from '../apps/server/src/testApp.ts';
import { mqlFlow } from './importFlows.ts';
import { expectSameAnswers, useBothStores, type BothStores, type ParitySession } from './storeParity.ts';

/** A live flow entered when a contact's fit score (from its properties) reaches 20. */
const fitFlow = {
  ...welcomeFlow('good-fit'),
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'score', gte: 20 } },
    { id: 'wait', type: 'wait', config: { for: 'P1D' } },
    { id: 'done', type: 'exit', config: {} },
  ],
  edges: [
    { from: 'start', to: 'wait' },
    { from: 'wait', to: 'done' },
  ],
};

const scoring = {
  format: 'hourglass.scoring/1',
  fit: [
    { if: { property: { name: 'employees', gte: 50 } }, points: 15 },
    { if: { property: { name: 'industry', eq: 'software' } }, points: 10 },
  ],
  behaviour: [],
};

const byEmail = [
  'email,id,stage,employees,industry,unsubscribed',
  // Found by its email whatever its case: a bigger company in software, so a good fit, and an mql.
  'anna@acme.io,,mql,120,software,',
  // The same again: nothing left to change.
  'anna@acme.io,,mql,120,software,',
  'ben@globex.io,,,12,,no',
  'shared@acme.io,,lead,,,',
  ',,lead,,,',
  'carl@initech.io,,boss,,,',
  'dora@acme.io,,lead,,,maybe',
  'eve@acme.io,c-dup-1,lead,,,',
  'fred@acme.io,c-anna,lead,,,',
  'gina@acme.io,,lead',
  // Created by a row above, in the same slice: changed.
  'ben@globex.io,,lead,60,software,',
  'hana@acme.io,,,,,',
].join('\n');

const byId = ['id,email,stage,plan', 'c-anna,anna@acme.io,,pro', 'c-new,new@acme.io,mql,free', 'c-dup-2,,lead,', ',x@acme.io,,'].join('\r\n');

const session: ParitySession = async (call, _token, step, note) => {
  const csv = (label: string, text: string | Uint8Array, query = '', type = 'text/csv') =>
    step(label, 'POST', `/api/contacts/import${query}`, text, { 'Content-Type': type });
  await step('clock', 'POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
  await step('scoring', 'PUT', '/api/scoring', scoring);
  for (const flow of [fitFlow, mqlFlow]) {
    await step(`draft ${flow.id}`, 'PUT', `/api/flows/${flow.id}`, flow);
    await step(`publish ${flow.id}`, 'POST', `/api/flows/${flow.id}/publish`, {});
  }
  await step('anna', 'PUT', '/api/contacts/c-anna', { email: 'Anna@Acme.io', stage: 'lead', properties: { employees: 10 } });
  await step('one shared', 'PUT', '/api/contacts/c-dup-1', { email: 'shared@acme.io' });
  await step('two shared', 'PUT', '/api/contacts/c-dup-2', { email: 'Shared@acme.io' });
  // An event waits in line for anna before the import: it goes first.
  await step('event before', 'POST', '/api/events', { id: 'e-1', contactId: 'c-anna', type: 'signup', properties: { industry: 'retail' } });

  await csv('dry run by email', byEmail, '?dryRun=true');
  await step('nothing written by the dry run', 'GET', '/api/contacts?search=globex');
  await csv('by email', byEmail);
  await csv('by email again', byEmail);
  await csv('dry run by id', byId, '?key=id&dryRun=true');
  await csv('by id', byId, '?key=id');
  await csv('no id column', 'email\na@acme.io\n', '?key=id');
  // Files refused whole: not UTF-8, said to be another charset, not CSV, empty, a quote never closed.
  await csv('not UTF-8', Uint8Array.from([...Buffer.from('email,city\nzoe@acme.io,K'), 0xf6, ...Buffer.from('ln\n')]));
  await csv('another charset', 'email\nzoe@acme.io\n', '', 'text/csv; charset=windows-1252');
  await csv('not CSV', 'email\nzoe@acme.io\n', '', 'text/plain');
  await csv('empty', '');
  await csv('open quote', 'email,note\nzoe@acme.io,"never closed\n');
  await step('zoe never stored', 'GET', '/api/contacts?search=zoe');

  await step('a day later', 'POST', '/api/admin/clock', { now: '2026-03-03T09:00:00Z' });
  for (const id of ['c-anna', 'c-new', 'c-dup-1', 'c-dup-2']) await step(`contact ${id}`, 'GET', `/api/contacts/${id}`);
  // Every contact, by email: the list's order (most recently changed first) differs by nature,
  // SQLite stamping changes with the wall clock.
  const all = await call('GET', '/api/contacts?search=');
  const contacts = (all.body as { contacts: { email?: string; id: string }[] }).contacts;
  note(
    'contacts',
    all.status,
    [...contacts].sort((a, b) => `${a.email}${a.id}`.localeCompare(`${b.email}${b.id}`)),
  );
  await step('contact mix', 'GET', '/api/contact-mix');
  for (const flow of [fitFlow, mqlFlow]) {
    // By contact: enrolments made at one instant are listed in the order their contacts were
    // applied, which on PostgreSQL is the workers' (the rows' order only for one contact).
    const listed = await call('GET', `/api/flows/${flow.id}/enrolments`);
    const { enrolments, ...rest } = listed.body as { enrolments: { contactId: string }[] };
    note(`enrolments in ${flow.id}`, listed.status, { ...rest, enrolments: [...enrolments].sort((a, b) => a.contactId.localeCompare(b.contactId)) });
    await step(`report of ${flow.id}`, 'GET', `/api/flows/${flow.id}/report`);
  }
  // Ben's contact found by his email (its id made by the server), and what the import made of him.
  const found = await call('GET', '/api/contacts?search=ben@globex.io');
  const ben = (found.body as { contacts: { id: string }[] }).contacts[0]?.id ?? 'none';
  const detail = await call('GET', `/api/contacts/${ben}`);
  note('ben', detail.status, detail.body);
};

let stores: BothStores;
useBothStores((made) => (stores = made));

describe('a contact import on PostgreSQL', () => {
  it('answers imports by email and by id, dry runs, bad rows and refused files, and enrols contacts, exactly as SQLite does', async () => {
    const by = await expectSameAnswers(stores, session);
    // And the session did what it says, not merely the same thing twice.
    const dry = by.get('dry run by email')!.body;
    expect(by.get('by email')!.body).toEqual(dry);
    expect(dry).toMatchObject({ created: 2, updated: 2, unchanged: 1 });
    expect(dry.failed.map((f: { row: number; column?: string }) => [f.row, f.column])).toEqual([
      [4, 'email'],
      [5, 'email'],
      [6, 'stage'],
      [7, 'unsubscribed'],
      [8, 'id'],
      [9, 'id'],
      [10, undefined],
    ]);
    expect(by.get('nothing written by the dry run')!.body.contacts).toEqual([]);
    expect(by.get('by email again')!.body).toMatchObject({ created: 0, unchanged: 3 });
    expect(by.get('by id')!.body).toEqual({ created: 1, updated: 2, unchanged: 0, failed: [{ row: 4, column: 'id', error: expect.any(String) }] });
    expect(by.get('not UTF-8')).toEqual({ status: 422, body: { error: 'The file is not UTF-8; save it as CSV UTF-8.' } });
    expect([by.get('another charset')!.status, by.get('not CSV')!.status, by.get('empty')!.status]).toEqual([422, 415, 422]);
    expect(by.get('zoe never stored')!.body.contacts).toEqual([]);
    expect(by.get('contact c-anna')!.body.contact).toMatchObject({
      email: 'anna@acme.io',
      stage: 'mql',
      properties: { employees: 120, industry: 'software', plan: 'pro' },
    });
    expect(by.get('contact c-anna')!.body.enrolments).toEqual(
      expect.arrayContaining([expect.objectContaining({ flowId: 'good-fit' }), expect.objectContaining({ flowId: 'to-mql', status: 'completed' })]),
    );
    expect(by.get('ben')!.body.contact).toMatchObject({ email: 'ben@globex.io', stage: 'lead', properties: { employees: 60, industry: 'software' } });
    expect(by.get('ben')!.body.enrolments).toEqual(expect.arrayContaining([expect.objectContaining({ flowId: 'good-fit' })]));
    // Only updates are inputs of the flows: c-new, created as an mql, entered nothing.
    expect(by.get('report of to-mql')!.body.enrolled).toBe(1);
  });
});
