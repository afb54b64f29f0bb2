import type { Pool } from 'pg';
import { toMigration, type MigrationDbRow, type MigrationRow } from '../migrationRepository.ts';

/** A migration's row with its counts summed over the workers' batches (migration_counts). */
const SELECT = `
  SELECT m.id, m.flow_id, m.from_version, m.to_version, m.map, m.unmapped, m.status, m.after_id, m.error, m.started_at, m.finished_at,
         coalesce(c.moved, 0)::int AS moved, coalesce(c.goal, 0)::int AS goal, coalesce(c.stayed, 0)::int AS stayed, coalesce(c.exited, 0)::int AS exited
  FROM migrations AS m
  LEFT JOIN LATERAL (SELECT sum(moved) AS moved, sum(goal) AS goal, sum(stayed) AS stayed, sum(exited) AS exited
                     FROM migration_counts WHERE migration_id = m.id) AS c ON true`;

/** Migrations of flows on PostgreSQL, read as on SQLite (MigrationRepository). */
export class PgMigrationRepository {
  constructor(private readonly pool: Pool) {}

  async get(id: string): Promise<MigrationRow | undefined> {
    const { rows } = await this.pool.query<MigrationDbRow>(`${SELECT} WHERE m.id = $1`, [id]);
    return rows[0] && toMigration(rows[0]);
  }

  /** A flow's migrations, newest first. */
  async ofFlow(flowId: string, limit = 100): Promise<MigrationRow[]> {
    const { rows } = await this.pool.query<MigrationDbRow>(`${SELECT} WHERE m.flow_id = $1 ORDER BY m.n DESC LIMIT $2`, [flowId, limit]);
    return rows.map(toMigration);
  }

  /** Whether a migration of the flow is running. */
  async migrating(flowId: string): Promise<boolean> {
    return (await this.pool.query(`SELECT 1 FROM migrations WHERE flow_id = $1 AND status = 'running'`, [flowId])).rows.length > 0;
  }
}
