import type { Database, Statement } from 'better-sqlite3';
import { BAND_KINDS } from './handoffVerdicts.ts';

/** One line of the report counters (migration 12): summed over the days and versions asked. */
export interface ReportCount {
  kind: string;
  node: string;
  port: string;
  count: number;
}

/** What a flow's report is shaped from (flowReport). */
export interface ReportCounts {
  counts: ReportCount[];
  perDay: { day: number; count: number }[];
}

const DAY = 86_400_000;

/** The flow reports' counters, kept by triggers in the transaction of every write they count. */
export class ReportRepository {
  private readonly q: Record<string, Statement>;

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    // `version` NULL means every version. Reads the counters' primary key range of the flow.
    this.q = {
      counts: p(`SELECT kind, node, port, sum(count) AS count FROM report_counts
                 WHERE flow_id = @flow AND (@version IS NULL OR version = @version) AND day >= @from AND day < @to
                 GROUP BY kind, node, port`),
      perDay: p(`SELECT day, sum(count) AS count FROM report_counts
                 WHERE flow_id = @flow AND (@version IS NULL OR version = @version) AND day >= @from AND day < @to AND kind = 'enrolled'
                 GROUP BY day ORDER BY day`),
      // Through the partial index of migration 13, whose condition this repeats word for word.
      bands: p(`SELECT kind, port, sum(count) AS count FROM report_counts
                WHERE kind IN (${BAND_KINDS.map((k) => `'${k}'`).join(', ')}) GROUP BY kind, port`),
    };
  }

  /** Counters of a flow's enrolments that entered in [from, to) (epoch ms, rounded to UTC days). */
  counts(flow: string, version: number | null, from: number, to: number): ReportCount[] {
    return this.q.counts!.all(reportRange(flow, version, from, to)) as ReportCount[];
  }

  /** Enrolments per UTC day of entry, as epoch days. */
  perDay(flow: string, version: number | null, from: number, to: number): { day: number; count: number }[] {
    return this.q.perDay!.all(reportRange(flow, version, from, to)) as { day: number; count: number }[];
  }

  /** Both of the above: read synchronously, so no write of this process comes between them. */
  report(flow: string, version: number | null, from: number, to: number): ReportCounts {
    return { counts: this.counts(flow, version, from, to), perDay: this.perDay(flow, version, from, to) };
  }

  /** The handoffs of every flow by score band and verdict (the scoring page). */
  bands(): { kind: string; port: string; count: number }[] {
    return this.q.bands!.all() as { kind: string; port: string; count: number }[];
  }
}

/** The counters' key range of a request: [from, to) in epoch ms rounded out to UTC days (PostgreSQL's repository reads the same). */
export const reportRange = (flow: string, version: number | null, from: number, to: number) => ({
  flow,
  version,
  from: Math.max(-1e9, Math.floor(from / DAY)),
  to: Math.min(1e9, Math.ceil(to / DAY)),
});
