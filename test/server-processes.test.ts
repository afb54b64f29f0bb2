// Two servers on one database file, and a restart with a large backlog in the inbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { systemClock } from '../apps/server/src/clock.ts';
import { openDatabase } from '../apps/server/src/db/openDatabase.ts';
import { Runtime } from '../apps/server/src/runtime.ts';
import { welcomeFlow } from '../apps/server/src/testApp.ts';
import { SERVER_TOKEN, startServerProcess, type ServerProcess } from './serverProcess.ts';

// The server bundled once for this run (test/buildServer.ts).
const bundled = { main: inject('serverMain') };

let dir: string | undefined;
const servers: ServerProcess[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('one server per database file', () => {
  it('refuses to start a second server on the same database, and starts again after the first is killed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hourglass-lock-'));
    const env = { HOURGLASS_DB: join(dir, 'h.db') };
    const first = await startServerProcess(env, bundled);
    servers.push(first);
    const refused = await startServerProcess(env, bundled).then(
      () => 'started',
      (e: Error) => e.message,
    );
    expect(refused).toMatch(/exited with 1/);
    expect(refused).toContain(`hourglass: Another Hourglass server is running on the database ${env.HOURGLASS_DB}`);
    expect(refused).not.toMatch(/\n\s+at /);
    // The first one still works; the database is still open to other readers.
    expect((await first.call('PUT', '/api/contacts/c1', { email: 'c1@example.com' })).status).toBe(201);
    const reader = new BetterSqlite3(env.HOURGLASS_DB, { readonly: true });
    expect(reader.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 1 });
    reader.close();

    // kill -9 runs no shutdown code: the operating system drops the lock with the process.
    await first.crash();
    const next = await startServerProcess(env, bundled);
    servers.push(next);
    expect((await next.call('GET', '/api/contacts/c1')).status).toBe(200);
  });
});

describe('a restart with a large backlog', () => {
  it('answers at once, shows the backlog in health, and works it off before newer events', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hourglass-backlog-'));
    const path = join(dir, 'h.db');
    const BACKLOG = 20_000;
    // The state a crash leaves: 20,000 events accepted into the inbox, none processed.
    const db = openDatabase(path);
    const runtime = new Runtime({ db, clock: systemClock });
    runtime.workspace.saveDraft('welcome', welcomeFlow());
    runtime.workspace.publish('welcome', null);
    for (let b = 0; b < BACKLOG / 1000; b++) {
      runtime.accept([Array.from({ length: 1000 }, (_, i) => ({ id: `old-${b * 1000 + i}`, contactId: `c${b * 1000 + i}`, type: 'signup' }))]);
    }
    db.close();

    const server = await startServerProcess({ HOURGLASS_DB: path }, bundled);
    servers.push(server);
    // Answered while more than half the backlog still waits: not after it (no timed assertion needed).
    const health = await server.call('GET', '/api/health');
    expect(health.body).toMatchObject({ ok: true, catchingUp: true, overdueTimers: 0 });
    expect(health.body.inbox).toBeGreaterThan(BACKLOG / 2);
    // Other requests are answered meanwhile; a contact update waits for its place in line.
    expect((await server.call('GET', '/api/flows')).status).toBe(200);
    const update = server.call('PUT', `/api/contacts/c${BACKLOG - 1}`, { stage: 'lead' });
    // A newer event joins the end of the line.
    const fresh = await fetch(`${server.baseUrl}/api/events`, {
      method: 'POST',
      body: JSON.stringify({ id: 'new-1', contactId: 'late', type: 'signup' }),
      headers: { Authorization: `Bearer ${SERVER_TOKEN}`, 'Content-Type': 'application/json', Prefer: 'respond-async' },
    });
    expect(fresh.status).toBe(202);

    // Health keeps answering between the slices of the catch-up: the backlog it reports shrinks
    // from one answer to the next (a server answering only between backlogs would show one number).
    const waiting: number[] = [];
    for (;;) {
      const h = (await server.call('GET', '/api/health')).body;
      if (!h.catchingUp) break;
      waiting.push(h.inbox);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(new Set(waiting).size).toBeGreaterThan(1);
    expect(waiting.at(-1)).toBeLessThan(waiting[0]!);
    // The update came after the backlog: the last event of it had created the contact (200, not 201).
    const updated = await update;
    expect([updated.status, updated.body.stage]).toEqual([200, 'lead']);
    // The log comes through the child's stdout, which may arrive after the health answer.
    await expect.poll(() => server.log()).toContain(`Caught up: the ${BACKLOG} events accepted before the last stop are processed.`);
    await server.stop();
    servers.length = 0;

    const check = new BetterSqlite3(path, { readonly: true });
    const one = (sql: string) => check.prepare(sql).get();
    try {
      expect(one('SELECT count(*) AS n FROM inbox')).toEqual({ n: 0 });
      expect(one("SELECT count(*) AS n FROM events WHERE type = 'signup'")).toEqual({ n: BACKLOG + 1 });
      expect(one("SELECT count(*) AS n FROM emails WHERE node = 'hello'")).toEqual({ n: BACKLOG + 1 });
      // Events accepted before the stop went first: the newer one is the last processed.
      expect(one('SELECT contact_id AS c FROM events ORDER BY seq DESC LIMIT 1')).toEqual({ c: 'late' });
    } finally {
      check.close();
    }
  }, 120_000);
});
