import type { Database, Statement } from 'better-sqlite3';

/** The notes on each flow's canvas, kept as the JSON text they were saved as (checked then). */
export class FlowNotesRepository {
  private readonly getStmt: Statement;
  private readonly putStmt: Statement;
  private readonly deleteStmt: Statement;

  constructor(db: Database) {
    this.getStmt = db.prepare('SELECT notes FROM flow_notes WHERE flow_id = ?');
    this.putStmt = db.prepare(`INSERT INTO flow_notes (flow_id, notes, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (flow_id) DO UPDATE SET notes = excluded.notes, updated_at = excluded.updated_at`);
    this.deleteStmt = db.prepare('DELETE FROM flow_notes WHERE flow_id = ?');
  }

  /** The flow's notes; none until some are saved. */
  get(flowId: string): unknown[] {
    const row = this.getStmt.get(flowId) as { notes: string } | undefined;
    return row ? (JSON.parse(row.notes) as unknown[]) : [];
  }

  put(flowId: string, notes: readonly unknown[], now: number): void {
    this.putStmt.run(flowId, JSON.stringify(notes), now);
  }

  deleteOfFlow(flowId: string): void {
    this.deleteStmt.run(flowId);
  }
}
