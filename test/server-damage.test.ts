// A damaged database file: the server says so, where the file is and what to do, without a
// stack trace, instead of a JSON parse error from deep inside.
import { mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { systemClock } from '../apps/server/src/clock.ts';
import { openDatabase } from '../apps/server/src/db/openDatabase.ts';
import { Runtime } from '../apps/server/src/runtime.ts';
import { welcomeFlow } from '../apps/server/src/testApp.ts';
import { startServerProcess } from './serverProcess.ts';

// The server bundled once for this run (test/buildServer.ts).
const bundled = { main: inject('serverMain') };

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A workspace with a published flow and a contact, written to `path` and closed. */
async function workspace(path: string) {
  const db = openDatabase(path);
  const runtime = new Runtime({ db, clock: systemClock });
  runtime.workspace.saveDraft('welcome', welcomeFlow());
  runtime.workspace.publish('welcome', null);
  await runtime.upsertContact('c1', { email: 'c1@example.com' });
  db.close();
}

/** Starts the server on `path` and answers what it printed when it refused to start. */
async function refusal(path: string): Promise<string> {
  return startServerProcess({ HOURGLASS_DB: path }, bundled).then(
    async (s) => {
      await s.stop();
      return 'started';
    },
    (e: Error) => e.message,
  );
}

function expectDamageReport(output: string, path: string, detail: RegExp) {
  expect(output).toMatch(/exited with 1/);
  expect(output).toContain(`hourglass: The database ${path} is damaged`);
  expect(output).toMatch(detail);
  expect(output).toContain('restore the file from a backup');
  expect(output).toContain(`sqlite3 '${path}' '.recover'`);
  expect(output).not.toMatch(/\n\s+at /);
}

describe('a damaged database file', () => {
  it('is reported as damaged when it is not a database at all', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hourglass-damage-'));
    const path = join(dir, 'h.db');
    writeFileSync(path, Buffer.alloc(64 * 1024, 'garbage '));
    expectDamageReport(await refusal(path), path, /file is not a database/);
  });

  it('is reported as damaged when bytes in the middle of its pages are overwritten', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hourglass-damage-'));
    const path = join(dir, 'h.db');
    await workspace(path);
    // Garbage over the first page past its header: the schema's b-tree page.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(2000, 0xa5), 0, 2000, 100);
    closeSync(fd);
    expectDamageReport(await refusal(path), path, /malformed/);
  });

  it('names the table whose stored JSON no longer parses', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hourglass-damage-'));
    const path = join(dir, 'h.db');
    await workspace(path);
    const broken = openDatabase(path);
    broken.prepare('UPDATE flow_versions SET flow = substr(flow, 1, 60)').run();
    broken.close();
    expectDamageReport(await refusal(path), path, /not valid JSON in flow_versions\.flow \(1 row\) \(.* in JSON at position 60\)/);
  });
});
