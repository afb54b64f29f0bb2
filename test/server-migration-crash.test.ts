// kill -9 the real server half-way through a migration of 100,000 waiting contacts, restart it on
// the same database: it takes the migration up where its last committed slice ended, and every
// enrolment is moved exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { systemClock } from '../apps/server/src/clock.ts';
import { openDatabase } from '../apps/server/src/db/openDatabase.ts';
import { Runtime } from '../apps/server/src/runtime.ts';
import { SERVER_TOKEN, startServerProcess, type ServerProcess } from './serverProcess.ts';
import { copyWaiting } from './copyWaiting.ts';
import { fillWaiting } from './waitingContacts.ts';

const CONTACTS = Number(process.env.MIGRATION_CRASH_CONTACTS) || 100_000;
/** Contacts entered through the Runtime; the others are copies of them (test/copyWaiting.ts). */
const ENTERED = Math.min(CONTACTS, 1000);

let dir: string | undefined;
let server: ServerProcess | undefined;
afterEach(async () => {
  // Only a failed test leaves a server here, possibly still migrating: kill it rather than wait.
  await server?.crash();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/**
 * The flow's migration as the server reports it. A slice holds the server for a while, after which
 * it may close the kept-alive connection as the next poll arrives on it (ECONNRESET): that poll is
 * asked again.
 */
const migrationOf = async (s: ServerProcess): Promise<any> => {
  for (let tries = 0; ; tries++) {
    try {
      return (await s.call('GET', '/api/flows/welcome/migrations')).body.migrations[0];
    } catch (e) {
      const reset = (e as { cause?: { code?: string } }).cause?.code === 'ECONNRESET';
      if (!reset || tries >= 3 || s.child.exitCode !== null) throw e;
    }
  }
};

describe('a crash during a migration', () => {
  it('moves every enrolment exactly once after kill -9 half-way and a restart', { timeout: 900_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'hourglass-migration-crash-'));
    const file = join(dir, 'h.db');
    // A thousand contacts enter through the server's own Runtime, in this process (faster than
    // HTTP), and are copied in bulk SQL (faster than the Runtime) up to 100,000.
    if (CONTACTS % ENTERED) throw new Error(`MIGRATION_CRASH_CONTACTS must be a multiple of ${ENTERED}`);
    const db = openDatabase(file);
    fillWaiting(new Runtime({ db, clock: systemClock, log: () => {} }), ENTERED, { longerWait: true });
    copyWaiting(db, CONTACTS / ENTERED);
    db.close();

    const env = { HOURGLASS_DB: file };
    // The server bundled for this run (test/buildServer.ts), as the other process tests start it.
    const main = inject('serverMain');
    server = await startServerProcess(env, { main });
    // Not awaited: the process dies under it.
    const request = fetch(`${server.baseUrl}/api/flows/welcome/migrations`, {
      method: 'POST',
      body: JSON.stringify({ from: 1, to: 2 }),
      headers: { Authorization: `Bearer ${SERVER_TOKEN}`, 'Content-Type': 'application/json' },
    }).catch((e: unknown) => e);
    // The server answers between slices: wait until about half is moved, then kill it.
    for (;;) {
      const m = await migrationOf(server);
      if (m && m.moved >= CONTACTS / 2) break;
      await pause(20);
    }
    await server.crash();
    expect(await request).toBeInstanceOf(Error);

    const halfway = new BetterSqlite3(file, { readonly: true });
    const [m] = halfway.prepare('SELECT status, moved, after_id FROM migrations').all() as { status: string; moved: number; after_id: string }[];
    const moved = (halfway.prepare('SELECT count(*) AS n FROM enrolments WHERE version = 2').get() as { n: number }).n;
    halfway.close();
    expect(m!.status).toBe('running');
    expect(m!.moved).toBeLessThan(CONTACTS);
    // What the row says is what committed: the slice the crash caught left nothing behind.
    expect(moved).toBe(m!.moved);

    server = await startServerProcess(env, { main });
    expect(server.log()).toMatch(/Resuming 1 migration/);
    let done;
    while ((done = await migrationOf(server)).status === 'running') await pause(50);
    expect(done).toMatchObject({ status: 'done', moved: CONTACTS, stayed: 0, exited: 0 });
    await server.stop();
    server = undefined;

    const after = new BetterSqlite3(file, { readonly: true });
    const count = (sql: string) => (after.prepare(sql).get() as { n: number }).n;
    try {
      expect(count('SELECT count(*) AS n FROM enrolments WHERE version = 2')).toBe(CONTACTS);
      expect(count('SELECT count(*) AS n FROM enrolments WHERE version = 1')).toBe(0);
      // Exactly one move per enrolment in its steps, and one timer each: none lost, none doubled.
      expect(count('SELECT count(*) AS n FROM steps WHERE migrated_from IS NOT NULL')).toBe(CONTACTS);
      expect(
        count('SELECT count(*) AS n FROM (SELECT enrolment_id FROM steps WHERE migrated_from IS NOT NULL GROUP BY enrolment_id HAVING count(*) <> 1)'),
      ).toBe(0);
      expect(count("SELECT count(*) AS n FROM enrolments WHERE status <> 'active' OR json_array_length(timers) <> 1 OR wake_at IS NULL")).toBe(0);
      // The report counts each enrolment once, in its new version.
      expect(count("SELECT sum(count) AS n FROM report_counts WHERE kind = 'enrolled' AND version = 2")).toBe(CONTACTS);
      expect(count("SELECT coalesce(sum(count), 0) AS n FROM report_counts WHERE kind = 'enrolled' AND version = 1")).toBe(0);
    } finally {
      after.close();
    }
  });
});
