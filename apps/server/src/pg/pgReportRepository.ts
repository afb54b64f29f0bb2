import type { Pool } from 'pg';
import { BAND_KINDS } from '../handoffVerdicts.ts';
import { reportRange, type ReportCount } from '../reportRepository.ts';
import type { ReportReads } from '../storeApi.ts';

/**
 * The flow reports' counters in PostgreSQL, read as SQLite's ReportRepository reads them (the
 * workers write them in each batch's transaction, pgReportCounts.ts). Rows are ordered as SQLite's
 * GROUP BY gives them (bytewise), so the shaped report's keys come in the same order.
 */
export class PgReportRepository implements ReportReads {
  constructor(private readonly pool: Pool) {}

  async counts(flow: string, version: number | null, from: number, to: number): Promise<ReportCount[]> {
    const r = reportRange(flow, version, from, to);
    const { rows } = await this.pool.query<ReportCount>(
      `SELECT kind, node, port, sum(count) AS count FROM report_counts
       WHERE flow_id = $1 AND ($2::int IS NULL OR version = $2) AND day >= $3 AND day < $4
       GROUP BY kind, node, port ORDER BY kind COLLATE "C", node COLLATE "C", port COLLATE "C"`,
      [r.flow, r.version, r.from, r.to],
    );
    return rows;
  }

  async perDay(flow: string, version: number | null, from: number, to: number): Promise<{ day: number; count: number }[]> {
    const r = reportRange(flow, version, from, to);
    const { rows } = await this.pool.query<{ day: number; count: number }>(
      `SELECT day, sum(count) AS count FROM report_counts
       WHERE flow_id = $1 AND ($2::int IS NULL OR version = $2) AND day >= $3 AND day < $4 AND kind = 'enrolled'
       GROUP BY day ORDER BY day`,
      [r.flow, r.version, r.from, r.to],
    );
    return rows;
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
