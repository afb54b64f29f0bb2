// For tests: a new database at the newest schema, without running every migration again. Running
// them (a dozen schema changes, each its own transaction) was most of what a test's app cost, so
// one database is migrated per process and each test gets a copy of it.
import { writeFileSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { openDatabase, prepareDatabase } from './openDatabase.ts';

let migrated: Buffer | undefined;

function migratedImage(): Buffer {
  if (!migrated) {
    const db = openDatabase(':memory:');
    migrated = db.serialize();
    db.close();
  }
  return migrated;
}

/**
 * A new database, in memory or in the file `path` (which must not exist yet), set up and at the
 * newest schema as `openDatabase` leaves a new one.
 */
export function freshDatabase(path = ':memory:'): Database {
  if (path === ':memory:') return prepareDatabase(new BetterSqlite3(migratedImage()));
  writeFileSync(path, migratedImage(), { flag: 'wx' });
  return openDatabase(path);
}
