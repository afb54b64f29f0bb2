import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseInUseError, lockDatabase } from './databaseLock.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the database lock', () => {
  it('refuses a second holder of the same database file until the first releases it', () => {
    dir = mkdtempSync(join(tmpdir(), 'hourglass-lock-'));
    const path = join(dir, 'sub', 'h.db');
    const release = lockDatabase(path);
    expect(() => lockDatabase(path)).toThrow(DatabaseInUseError);
    expect(() => lockDatabase(path)).toThrow(`Another Hourglass server is running on the database ${path}`);
    // Another file is another lock.
    lockDatabase(join(dir, 'other.db'))();
    release();
    lockDatabase(path)();
  });
});
