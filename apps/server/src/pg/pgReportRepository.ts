import type { Pool } from 'pg';
import { BAND_KINDS } from '../handoffVerdicts.ts';
import { reportRange, type ReportCount, type ReportCounts } from '../reportRepository.ts';
import type { ReportReads } from '../storeApi.ts';

/**
 * The flow reports' counters in PostgreSQL, read with SQLite's ReportRepository's queries (the
 * workers write them in each batch's transaction, pgReportCounts.ts). Rows are ordered as SQLite's
 * GROUP BY gives them (bytewise), so the shaped report's keys come in the same order.
 */
export class PgReportRepository implements ReportReads {
  constructor(private readonly pool: Pool) {}

  /** In one snapshot, so the totals and the days agree when a batch commits between the two reads. */
  async report(flow: string, version: number | null, from: number, to: number): Promise<ReportCounts> {
    const r = reportRange(flow, version, from, to);
    const params = [r.flow, r.version, r.from, r.to];
    const range = 'flow_id = $1 AND ($2::int IS NULL OR version = $2) AND day >= $3 AND day < $4';
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const counts = await client.query<ReportCount>(
        `SELECT kind, node, port, sum(count) AS count FROM report_counts WHERE ${range}
         GROUP BY kind, node, port ORDER BY kind COLLATE "C", node COLLATE "C", port COLLATE "C"`,
        params,
      );
      const perDay = await client.query<{ day: number; count: number }>(
        `SELECT day, sum(count) AS count FROM report_counts WHERE ${range} AND kind = 'enrolled' GROUP BY day ORDER BY day`,
        params,
      );
      return { counts: counts.rows, perDay: perDay.rows };
    } finally {
      await client.query('COMMIT').catch(() => {});
      client.release();
    }
  }

  /** Through the partial index report_counts_by_band, whose condition this repeats. */
  async bands(): Promise<{ kind: string; port: string; count: number }[]> {
    const { rows } = await this.pool.query<{ kind: string; port: string; count: number }>(
      `SELECT kind, port, sum(count) AS count FROM report_counts
       WHERE kind IN (${BAND_KINDS.map((k) => `'${k}'`).join(', ')}) GROUP BY kind, port ORDER BY kind COLLATE "C", port COLLATE "C"`,
    );
    return rows;
  }
}
