import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrate.ts';

/** Opens (or creates) the Hourglass database at `path` in WAL mode and migrates it (see `prepareDatabase`). */
export function openDatabase(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return prepareDatabase(new BetterSqlite3(path));
}

/**
 * Sets an open connection up as Hourglass uses it, and migrates its database.
 *
 * `synchronous = FULL` makes every commit durable on disk before the API answers, so an
 * acknowledged event survives a power cut as well as a killed process. `secure_delete` zeroes
 * what is deleted.
 */
export function prepareDatabase(db: Database): Database {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  // Deleted rows are overwritten with zeros, so an erased contact leaves nothing in free space
  // (the right to be forgotten); the WAL is emptied after an erasure (Runtime.eraseContact).
  db.pragma('secure_delete = ON');
  // Another process (a backup, the sqlite3 shell) may hold the lock for a moment.
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
