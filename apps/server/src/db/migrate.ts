import type { Database } from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations.ts';

/**
 * Brings a database to the newest schema: applies, in order, every migration above the version
 * recorded in `schema_version`, each with its version bump in one transaction. Returns the
 * versions applied. A database newer than this program is refused rather than guessed at.
 */
export function migrate(db: Database, migrations: readonly Migration[] = allMigrations): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT max(version) AS version FROM schema_version').get() as { version: number | null };
  const current = row.version ?? 0;
  const newest = migrations.reduce((m, x) => Math.max(m, x.version), 0);
  if (current > newest) {
    throw new Error(`This database has schema version ${current}, newer than this Hourglass (${newest}). Use a newer Hourglass or another HOURGLASS_DB.`);
  }
  const record = db.prepare('INSERT INTO schema_version (version) VALUES (?)');
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version);
    })();
    applied.push(m.version);
  }
  return applied;
}
