// kill -9 the real server while it ingests a load of events and sends their emails over SMTP,
// restart it on the same database, retry every batch: nothing is lost, and nothing is applied
// or sent twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { INTERRUPTED, SMTP_BATCH } from '../apps/server/src/outboxDelivery.ts';
import { welcomeFlow } from '../apps/server/src/testApp.ts';
import { SERVER_TOKEN, startServerProcess, type ServerProcess } from './serverProcess.ts';
import { startSmtpCapture } from './smtpCapture.ts';

// The server bundled once for this run (test/buildServer.ts).
const bundled = { main: inject('serverMain') };

const CONTACTS = 100;
const BATCHES = 4;
const PER_BATCH = 100;

let dir: string | undefined;
let server: ServerProcess | undefined;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>> | undefined;
afterEach(async () => {
  await server?.stop();
  await smtp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Batch b: events for contacts in turn; the first event of each contact is its signup. */
const batch = (b: number) => ({
  events: Array.from({ length: PER_BATCH }, (_, i) => {
    const n = b * PER_BATCH + i;
    const contact = `c${n % CONTACTS}`;
    return { id: `event-${n}`, contactId: contact, type: n < CONTACTS ? 'signup' : 'page_viewed', data: { n } };
  }),
});

describe('a crash during an event load', () => {
  it('loses nothing and applies or sends nothing twice after kill -9 and a restart', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hourglass-crash-'));
    smtp = await startSmtpCapture();
    const env = { HOURGLASS_DB: join(dir, 'h.db'), HOURGLASS_CLOCK: 'manual', SMTP_URL: smtp.url };
    server = await startServerProcess(env, bundled);
    const ok = async (method: string, path: string, body?: unknown) => {
      const r = await server!.call(method, path, body);
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    await ok('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
    await ok('PUT', '/api/flows/welcome', welcomeFlow());
    await ok('POST', '/api/flows/welcome/publish', {});
    for (let i = 0; i < CONTACTS; i++) await ok('PUT', `/api/contacts/c${i}`, { email: `c${i}@example.com` });

    // The load: the signups acknowledged (their welcome emails start leaving over SMTP), then
    // more events, and a batch killed as soon as its body has been handed to the server.
    await ok('POST', '/api/events', batch(0));
    await ok('POST', '/api/events', batch(1));
    await new Promise<void>((resolve) => {
      const body = JSON.stringify(batch(2));
      const req = request(`${server!.baseUrl}/api/events`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${SERVER_TOKEN}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      });
      req.on('error', () => resolve());
      req.on('response', (r) => r.resume().on('end', () => resolve()));
      req.on('finish', () => void server!.crash());
      req.end(body);
    });
    await server.crash();

    server = await startServerProcess(env, bundled);
    // The client retries everything it has not seen acknowledged, and more: ids make it safe.
    let accepted = 0;
    for (let b = 0; b < BATCHES; b++) accepted += (await ok('POST', '/api/events', batch(b))).accepted;
    expect(accepted).toBeGreaterThanOrEqual((BATCHES - 3) * PER_BATCH);
    expect(accepted).toBeLessThanOrEqual((BATCHES - 2) * PER_BATCH);
    // A day later every follow-up is due; the clock answers once the outbox is drained.
    await ok('POST', '/api/admin/clock', { now: '2026-03-04T00:00:00Z' });
    await server.stop();
    server = undefined;

    const db = new BetterSqlite3(env.HOURGLASS_DB, { readonly: true });
    const all = <T>(sql: string) => db.prepare(sql).all() as T[];
    try {
      // Every event exactly once.
      expect(all<{ n: number }>('SELECT count(*) AS n FROM events')[0]!.n).toBe(BATCHES * PER_BATCH);
      expect(all<{ n: number }>("SELECT count(DISTINCT json_extract(data, '$.n')) AS n FROM events")[0]!.n).toBe(BATCHES * PER_BATCH);
      // Every contact entered once and went through once.
      expect(all('SELECT contact_id FROM enrolments GROUP BY contact_id HAVING count(*) <> 1')).toEqual([]);
      expect(all<{ n: number }>("SELECT count(*) AS n FROM enrolments WHERE status = 'completed'")[0]!.n).toBe(CONTACTS);
      expect(all<{ n: number }>('SELECT count(*) AS n FROM enrolments WHERE wake_at IS NOT NULL')[0]!.n).toBe(0);
      // One outbox row per step: hello and again for each contact.
      expect(all<{ n: number }>('SELECT count(*) AS n FROM emails')[0]!.n).toBe(2 * CONTACTS);
      expect(all('SELECT contact_id, node FROM emails GROUP BY contact_id, node HAVING count(*) <> 1')).toEqual([]);
      // Each email left at most once; every one recorded sent arrived exactly once; the only ones
      // not sent are those the crash caught mid-send, marked failed and never resent.
      const emails = all<{ id: string; status: string; error: string | null }>('SELECT id, status, error FROM emails');
      const received = new Map<string, number>();
      for (const m of smtp.mails) received.set(m.messageId, (received.get(m.messageId) ?? 0) + 1);
      expect([...received.values()].filter((n) => n > 1)).toEqual([]);
      for (const m of emails) {
        const arrived = received.get(`<${m.id}@hourglass.outbox>`) ?? 0;
        if (m.status === 'sent') expect(arrived, m.id).toBe(1);
        else expect([m.status, m.error], m.id).toEqual(['failed', INTERRUPTED]);
      }
      // Emails leave in batches sent together: the crash can catch one batch out.
      expect(emails.filter((m) => m.status !== 'sent').length).toBeLessThanOrEqual(SMTP_BATCH);
      expect(received.size).toBeGreaterThanOrEqual(2 * CONTACTS - SMTP_BATCH);
    } finally {
      db.close();
    }
  });

  it('processes every event answered with "Prefer: respond-async" after kill -9 and a restart, each once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hourglass-crash-'));
    const env = { HOURGLASS_DB: join(dir, 'h.db'), HOURGLASS_CLOCK: 'manual' };
    server = await startServerProcess(env, bundled);
    await server.call('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
    await server.call('PUT', '/api/flows/welcome', welcomeFlow());
    await server.call('POST', '/api/flows/welcome/publish', {});
    const EVENTS = 1000;
    const signups = { events: Array.from({ length: EVENTS }, (_, i) => ({ id: `s-${i}`, contactId: `a${i}`, type: 'signup' })) };
    // Killed as soon as the answer is in: the inbox is still being worked through.
    const answer = await fetch(`${server.baseUrl}/api/events`, {
      method: 'POST',
      body: JSON.stringify(signups),
      headers: { Authorization: `Bearer ${SERVER_TOKEN}`, 'Content-Type': 'application/json', Prefer: 'respond-async' },
    });
    await server.crash();
    expect(answer.status).toBe(202);
    expect(await answer.json()).toEqual({ accepted: EVENTS, duplicates: 0 });

    server = await startServerProcess(env, bundled);
    // The crash caught the inbox part way (1,000 events take the better part of a second).
    expect(server.log()).toMatch(/Processing \d+ events? accepted before the last stop/);
    // The server answers while it works the rest off in slices.
    while ((await server.call('GET', '/api/health')).body.catchingUp) await new Promise((r) => setTimeout(r, 50));
    expect((await server.call('GET', '/api/health')).body.inbox).toBe(0);
    // A retry of the same batch is recognised event by event.
    expect((await server.call('POST', '/api/events', signups)).body).toEqual({ accepted: 0, duplicates: EVENTS });
    await server.stop();
    server = undefined;

    const db = new BetterSqlite3(env.HOURGLASS_DB, { readonly: true });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    try {
      expect(count('SELECT count(*) AS n FROM events')).toBe(EVENTS);
      expect(count('SELECT count(*) AS n FROM inbox')).toBe(0);
      expect(count('SELECT count(DISTINCT contact_id) AS n FROM enrolments')).toBe(EVENTS);
      expect(count('SELECT count(*) AS n FROM enrolments')).toBe(EVENTS);
      expect(count("SELECT count(*) AS n FROM emails WHERE node = 'hello'")).toBe(EVENTS);
    } finally {
      db.close();
    }
  });
});
