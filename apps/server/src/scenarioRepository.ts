import type { Database, Statement } from 'better-sqlite3';

/** A saved scenario row; the documents are JSON text, checked when they were saved. */
export interface ScenarioRow {
  name: string;
  scenario: unknown;
  expected: unknown;
}

/** The scenarios saved with each flow, by name. */
export class ScenarioRepository {
  private readonly listStmt: Statement;
  private readonly putStmt: Statement;
  private readonly deleteStmt: Statement;
  private readonly deleteOfFlowStmt: Statement;

  constructor(db: Database) {
    this.listStmt = db.prepare('SELECT name, scenario, expected FROM scenarios WHERE flow_id = ? ORDER BY name');
    this.putStmt = db.prepare(`INSERT INTO scenarios (flow_id, name, scenario, expected, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (flow_id, name) DO UPDATE SET scenario = excluded.scenario, expected = excluded.expected, updated_at = excluded.updated_at`);
    this.deleteStmt = db.prepare('DELETE FROM scenarios WHERE flow_id = ? AND name = ?');
    this.deleteOfFlowStmt = db.prepare('DELETE FROM scenarios WHERE flow_id = ?');
  }

  list(flowId: string): ScenarioRow[] {
    return (this.listStmt.all(flowId) as { name: string; scenario: string; expected: string | null }[]).map((r) => ({
      name: r.name,
      scenario: JSON.parse(r.scenario),
      expected: r.expected === null ? undefined : JSON.parse(r.expected),
    }));
  }

  put(flowId: string, name: string, scenario: unknown, expected: unknown, now: number): void {
    this.putStmt.run(flowId, name, JSON.stringify(scenario), expected === undefined ? null : JSON.stringify(expected), now);
  }

  /** Whether there was such a scenario. */
  delete(flowId: string, name: string): boolean {
    return this.deleteStmt.run(flowId, name).changes > 0;
  }

  deleteOfFlow(flowId: string): void {
    this.deleteOfFlowStmt.run(flowId);
  }
}
