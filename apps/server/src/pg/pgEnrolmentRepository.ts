import type { Pool } from 'pg';
import { ENROLMENT_SUMMARY_COLUMNS, toSummary, type EnrolmentSummary, type EnrolmentSummaryRow } from '../enrolmentRepository.ts';
import type { EnrolmentReads } from '../storeApi.ts';

type Row = EnrolmentSummaryRow;
const COLUMNS = ENROLMENT_SUMMARY_COLUMNS;
const counts = (rows: { k: string | number; n: number }[]) => Object.fromEntries(rows.map((r) => [String(r.k), r.n]));

/** Enrolment queries of the API in PostgreSQL (as EnrolmentRepository on SQLite). */
export class PgEnrolmentRepository implements EnrolmentReads {
  constructor(private readonly pool: Pool) {}

  private async rows<T extends object>(text: string, values: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(text, values)).rows;
  }

  async ofFlow(flowId: string, limit: number): Promise<EnrolmentSummary[]> {
    return (await this.rows<Row>(`SELECT ${COLUMNS} FROM enrolments WHERE flow_id = $1 ORDER BY n DESC LIMIT $2`, [flowId, limit])).map(toSummary);
  }

  async ofContact(contactId: string): Promise<EnrolmentSummary[]> {
    return (await this.rows<Row>(`SELECT ${COLUMNS} FROM enrolments WHERE contact_id = $1 ORDER BY n`, [contactId])).map(toSummary);
  }

  async get(id: string): Promise<EnrolmentSummary | undefined> {
    const [row] = await this.rows<Row>(`SELECT ${COLUMNS} FROM enrolments WHERE id = $1`, [id]);
    return row && toSummary(row);
  }

  async waitingByNode(flowId: string): Promise<Record<string, number>> {
    return counts(
      await this.rows(
        `SELECT position AS k, count(*)::int AS n FROM enrolments WHERE flow_id = $1 AND status = 'active' AND position IS NOT NULL GROUP BY position`,
        [flowId],
      ),
    );
  }

  async activeByVersion(flowId: string): Promise<Record<string, number>> {
    return counts(
      await this.rows(`SELECT version AS k, count(*)::int AS n FROM enrolments WHERE flow_id = $1 AND status = 'active' GROUP BY version`, [flowId]),
    );
  }

  /** How many active enrolments of a version wait on each node. */
  async waitingInVersion(flowId: string, version: number): Promise<Record<string, number>> {
    return counts(
      await this.rows(`SELECT position AS k, count(*)::int AS n FROM enrolments WHERE flow_id = $1 AND version = $2 AND status = 'active' GROUP BY position`, [
        flowId,
        version,
      ]),
    );
  }

  /** The ids of the first active enrolments of a version waiting on a node (by id, byte by byte as on SQLite): a sample. */
  async waitingOn(flowId: string, version: number, node: string, limit: number): Promise<string[]> {
    const rows = await this.rows<{ id: string }>(
      `SELECT id FROM enrolments WHERE flow_id = $1 AND version = $2 AND status = 'active' AND position = $3 ORDER BY id COLLATE "C" LIMIT $4`,
      [flowId, version, node, limit],
    );
    return rows.map((r) => r.id);
  }

  async activeCount(flowId: string): Promise<number> {
    return (await this.rows<{ n: number }>(`SELECT count(*)::int AS n FROM enrolments WHERE flow_id = $1 AND status = 'active'`, [flowId]))[0]!.n;
  }

  async activeCounts(): Promise<Map<string, number>> {
    const rows = await this.rows<{ flow_id: string; n: number }>(`SELECT flow_id, count(*)::int AS n FROM enrolments WHERE status = 'active' GROUP BY flow_id`);
    return new Map(rows.map((r) => [r.flow_id, r.n]));
  }

  async overdueCount(now: number): Promise<number> {
    return (await this.rows<{ n: number }>('SELECT count(*)::int AS n FROM enrolments WHERE wake_at <= $1', [now]))[0]!.n;
  }
}
