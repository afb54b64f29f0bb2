// Timers are rows in SQLite: they survive a restart of the real server process and fire exactly
// once, overdue ones at their own instant and in order.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { FLOW_FORMAT } from '@hourglass/documents';
import { welcomeFlow } from '../apps/server/src/testApp.ts';
import { startServerProcess, type ServerProcess } from './serverProcess.ts';

// The server bundled once for this run (test/buildServer.ts).
const bundled = { main: inject('serverMain') };

let dir: string;
let server: ServerProcess | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hourglass-restart-'));
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function ok(method: string, path: string, body?: unknown) {
  const r = await server!.call(method, path, body);
  if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(r.body)}\n${server!.log()}`);
  return r.body;
}

const emailsOf = async (contact: string) =>
  ((await ok('GET', `/api/outbox?contact=${contact}`)).emails as { node: string; at: string; status: string }[]).reverse();

describe('the server across restarts', () => {
  it('keeps pending timers through a restart and fires each exactly once (manual clock)', async () => {
    const env = { HOURGLASS_DB: join(dir, 'h.db'), HOURGLASS_CLOCK: 'manual' };
    server = await startServerProcess(env, bundled);
    await ok('POST', '/api/admin/clock', { now: '2026-03-02T08:00:00Z' });
    await ok('PUT', '/api/flows/welcome', welcomeFlow());
    await ok('POST', '/api/flows/welcome/publish', {});
    for (const c of ['a', 'b', 'c']) await ok('PUT', `/api/contacts/${c}`, { email: `${c}@example.com` });
    await ok('POST', '/api/events', { events: ['a', 'b', 'c'].map((c) => ({ id: `signup-${c}`, contactId: c, type: 'signup' })) });
    await server.crash();

    server = await startServerProcess(env, bundled);
    expect((await ok('GET', '/api/flows/welcome/enrolments')).counts).toEqual({ wait: 3 });
    // The clock was kept: it still refuses to go back.
    expect((await server.call('POST', '/api/admin/clock', { now: '2026-03-01T00:00:00Z' })).status).toBe(409);
    expect((await ok('POST', '/api/admin/clock', { now: '2026-03-04T00:00:00Z' })).fired).toBe(3);
    expect((await ok('POST', '/api/admin/clock', { now: '2026-03-05T00:00:00Z' })).fired).toBe(0);
    for (const c of ['a', 'b', 'c']) {
      expect((await emailsOf(c)).map((m) => [m.node, m.at, m.status])).toEqual([
        ['hello', '2026-03-02T08:00:00.000Z', 'sent'],
        ['again', '2026-03-03T08:00:00.000Z', 'sent'],
      ]);
    }
    expect((await ok('GET', '/api/flows/welcome/enrolments')).counts).toEqual({});
  });

  it('fires timers that fell due while it was down once, in order, each at its own instant (system clock)', async () => {
    const env = { HOURGLASS_DB: join(dir, 'h.db') };
    server = await startServerProcess(env, bundled);
    const flow = {
      format: FLOW_FORMAT,
      id: 'reminder',
      name: 'Reminder',
      nodes: [
        { id: 'start', type: 'trigger', config: { on: 'event', event: 'booked' } },
        { id: 'until', type: 'wait', config: { until: { property: 'remindAt' } } },
        { id: 'remind', type: 'sendEmail', config: { subject: 'Reminder for {{ contact.id }}', body: 'Soon!' } },
        { id: 'done', type: 'exit', config: {} },
      ],
      edges: [
        { from: 'start', to: 'until' },
        { from: 'until', to: 'remind' },
        { from: 'remind', to: 'done' },
      ],
    };
    await ok('PUT', '/api/flows/reminder', flow);
    await ok('POST', '/api/flows/reminder/publish', {});
    // Two reminders a few seconds ahead, the later one booked first.
    const soon = Math.ceil(Date.now() / 1000) * 1000 + 2000;
    const remindAt = { late: soon + 500, early: soon };
    for (const c of ['late', 'early'] as const) {
      await ok('PUT', `/api/contacts/${c}`, { email: `${c}@example.com` });
      await ok('POST', '/api/events', { id: `booked-${c}`, contactId: c, type: 'booked', properties: { remindAt: new Date(remindAt[c]).toISOString() } });
    }
    await server.crash();

    // Down until both are overdue; the timers are still in their enrolments, unfired.
    while (Date.now() <= remindAt.late) await new Promise((r) => setTimeout(r, 100));
    const db = new BetterSqlite3(env.HOURGLASS_DB, { readonly: true });
    const pending = db.prepare('SELECT wake_at FROM enrolments WHERE wake_at IS NOT NULL ORDER BY wake_at').all();
    const sentBefore = db.prepare("SELECT count(*) AS n FROM emails WHERE node = 'remind'").get();
    db.close();
    expect(pending).toEqual([{ wake_at: remindAt.early }, { wake_at: remindAt.late }]);
    expect(sentBefore).toEqual({ n: 0 });

    server = await startServerProcess(env, bundled);
    let reminders: { contactId: string; at: string; status: string }[] = [];
    for (let tries = 0; tries < 200 && reminders.length < 2; tries++) {
      reminders = (await ok('GET', '/api/outbox?status=sent')).emails.filter((m: { node: string }) => m.node === 'remind');
      if (reminders.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    // Newest first: the early one fired first, and each carries its own instant, not the restart's.
    expect(reminders.map((m) => [m.contactId, m.at])).toEqual([
      ['late', new Date(remindAt.late).toISOString()],
      ['early', new Date(remindAt.early).toISOString()],
    ]);
    await server.stop();
    server = undefined;
    const after = new BetterSqlite3(env.HOURGLASS_DB, { readonly: true });
    expect(after.prepare('SELECT count(*) AS n FROM enrolments WHERE wake_at IS NOT NULL').get()).toEqual({ n: 0 });
    expect(after.prepare("SELECT count(*) AS n FROM emails WHERE node = 'remind'").get()).toEqual({ n: 2 });
    after.close();
  });
});
