import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_FORMAT } from '@hourglass/documents';
import { createTestApp, publishFlow, type TestApp } from './testApp.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

/** A signup gets an email showing a property, then a handoff to sales, then waits for the verdict. */
const erasureFlow = {
  format: FLOW_FORMAT,
  id: 'erasure',
  name: 'Erasure',
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'event', event: 'signup' } },
    { id: 'hello', type: 'sendEmail', config: { subject: 'Hi', body: 'Your code: {{ contact.code }}' } },
    { id: 'hand', type: 'handoff', config: { fallback: 'sam@example.com' } },
    { id: 'verdict', type: 'waitFor', config: { until: { event: { type: 'sales_feedback' } }, timeout: 'P30D' } },
    { id: 'done', type: 'exit', config: {} },
  ],
  edges: [
    { from: 'start', to: 'hello' },
    { from: 'hello', to: 'hand' },
    { from: 'hand', to: 'verdict' },
    { from: 'verdict', port: 'met', to: 'done' },
    { from: 'verdict', port: 'timeout', to: 'done' },
  ],
};

// Strings that exist only in what is stored about the contact: its id, address, a property
// (also rendered into the email body and copied into the handoff), event data, event ids and
// the sales note.
const M = {
  id: 'zq-contact-7731',
  email: 'zq-mail-7731@example.com',
  property: 'zq-property-7731',
  data: 'zq-data-7731',
  eventId: 'zq-event-7731',
  queued: 'zq-queued-7731',
  note: 'zq-note-7731',
};

/** Which markers the database's files on disk (main file, WAL, shared memory) still contain. */
function markersOnDisk(path: string): string[] {
  const files = [path, `${path}-wal`, `${path}-shm`].filter(existsSync).map((f) => readFileSync(f));
  return Object.values(M).filter((m) => files.some((bytes) => bytes.includes(m)));
}

async function contactThroughTheFlow() {
  t = createTestApp({ manualClock: true });
  await t.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
  await publishFlow(t, erasureFlow);
  // Someone else, so the pages the contact shared with others stay in use after the erasure.
  await t.call('PUT', '/api/contacts/other', { email: 'other@example.com', properties: { code: 'x' } });
  await t.call('POST', '/api/events', { id: 'other-1', contactId: 'other', type: 'signup' });
  await t.call('PUT', `/api/contacts/${M.id}`, { email: M.email, properties: { code: M.property } });
  await t.call('POST', '/api/events', {
    events: [
      { id: `${M.eventId}-1`, contactId: M.id, type: 'signup', data: { ref: M.data } },
      { id: `${M.eventId}-2`, contactId: M.id, type: 'page_viewed', data: { page: M.data } },
    ],
  });
  const [handoff] = (await t.call('GET', `/api/handoffs?contact=${M.id}`)).body.handoffs;
  expect((await t.call('POST', `/api/handoffs/${handoff.id}/feedback`, { verdict: 'rejected', note: M.note })).status).toBe(200);
}

describe('erasing a contact', () => {
  it('leaves none of its data in the database file, the WAL or the shared memory file', async () => {
    await contactThroughTheFlow();
    // An event still waiting in the inbox when the erasure comes.
    t.runtime.accept([[{ id: `${M.eventId}-3`, contactId: M.id, type: 'page_viewed', data: { page: M.queued } }]]);
    const path = t.db.name;
    expect(markersOnDisk(path)).toEqual(Object.values(M));

    expect((await t.call('DELETE', `/api/contacts/${M.id}`)).status).toBe(204);
    expect(markersOnDisk(path)).toEqual([]);
    // The queued event was erased, not processed later: the contact does not come back.
    t.runtime.processInbox();
    expect((await t.call('GET', `/api/contacts/${M.id}`)).status).toBe(404);
    expect(t.runtime.inboxSize()).toBe(0);
    // The others are untouched.
    expect((await t.call('GET', '/api/contacts/other')).body.contact.email).toBe('other@example.com');
    expect((await t.call('GET', '/api/outbox?contact=other')).body.emails).toHaveLength(2);
  });

  it('erases a contact known only from its events waiting in the inbox', async () => {
    t = createTestApp({ manualClock: true });
    t.runtime.accept([
      [
        { id: 'q1', contactId: 'queued', type: 'signup' },
        { id: 'q2', contactId: 'kept', type: 'signup' },
      ],
    ]);
    expect((await t.call('DELETE', '/api/contacts/queued')).status).toBe(204);
    t.runtime.processInbox();
    expect((await t.call('GET', '/api/contacts/queued')).status).toBe(404);
    expect((await t.call('GET', '/api/contacts/kept')).status).toBe(200);
  });

  it('treats an event for an erased contact that arrives later as a fresh start, a new contact', async () => {
    await contactThroughTheFlow();
    expect((await t.call('DELETE', `/api/contacts/${M.id}`)).status).toBe(204);
    // Even the retry of an event it had: its id was erased with it.
    expect((await t.call('POST', '/api/events', { id: `${M.eventId}-1`, contactId: M.id, type: 'signup' })).body).toEqual({ accepted: 1, duplicates: 0 });
    const again = (await t.call('GET', `/api/contacts/${M.id}`)).body;
    expect(again.contact).toEqual({ id: M.id, stage: 'sql', owner: 'sam@example.com', properties: {} });
    expect(again.events.map((e: { type: string }) => e.type)).toEqual(['signup']);
    expect(again.enrolments).toHaveLength(1);
  });
});
