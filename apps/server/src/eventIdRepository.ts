import type { Database, Statement } from 'better-sqlite3';

/**
 * The ids clients give their events. Recording the id in the same transaction as the event
 * makes ingestion idempotent: a retried event is recognised and never applied twice.
 */
export class EventIdRepository {
  private readonly existsStmt: Statement;
  private readonly addStmt: Statement;

  constructor(db: Database) {
    this.existsStmt = db.prepare('SELECT 1 FROM event_ids WHERE id = ?');
    this.addStmt = db.prepare('INSERT INTO event_ids (id, contact_id, seq) VALUES (?, ?, ?)');
  }

  has(id: string): boolean {
    return this.existsStmt.get(id) !== undefined;
  }

  add(id: string, contactId: string, seq: number): void {
    this.addStmt.run(id, contactId, seq);
  }
}
