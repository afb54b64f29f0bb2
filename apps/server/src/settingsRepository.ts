import type { Database, Statement } from 'better-sqlite3';

/** Workspace settings kept as text under a key: the token's hash, the scoring model, the manual clock. */
export class SettingsRepository {
  private readonly getStmt: Statement;
  private readonly setStmt: Statement;

  constructor(db: Database) {
    this.getStmt = db.prepare('SELECT value FROM settings WHERE key = ?');
    this.setStmt = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  get(key: string): string | undefined {
    return (this.getStmt.get(key) as { value: string } | undefined)?.value;
  }

  set(key: string, value: string): void {
    this.setStmt.run(key, value);
  }
}
