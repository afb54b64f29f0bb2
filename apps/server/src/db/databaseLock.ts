import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** Thrown when another process holds the database: main prints the sentence and exits. */
export class DatabaseInUseError extends Error {}

/**
 * Takes the lock that makes this process the only Hourglass server on the database at `dbPath`,
 * held until the returned release is called or the process ends. Two servers on one SQLite file
 * would each process the inbox and fire the timers with their own view of the enrolments.
 *
 * The lock is SQLite's own exclusive lock (an OS file lock, fcntl on Unix) on a side file,
 * `<db>.lock`, held open in exclusive locking mode: the operating system drops it when the
 * process dies, kill -9 included, so a crash never blocks the next start, and the database
 * itself stays open to the sqlite3 shell and backups while the server runs. The file stays
 * behind after a stop; only the lock on it counts.
 */
export function lockDatabase(dbPath: string): () => void {
  if (dbPath === ':memory:') return () => {};
  const lockPath = `${dbPath}.lock`;
  mkdirSync(dirname(lockPath), { recursive: true });
  const lock = new BetterSqlite3(lockPath, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    // In exclusive locking mode the lock a write takes is kept after the commit.
    lock.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (e) {
    lock.close();
    if ((e as { code?: string }).code === 'SQLITE_BUSY') {
      throw new DatabaseInUseError(
        `Another Hourglass server is running on the database ${dbPath} (it holds ${lockPath}). ` +
          'Only one server may use a database file: stop the other one, or set HOURGLASS_DB to another file.',
      );
    }
    throw e;
  }
  return () => lock.close();
}
