import type { Database, Statement } from 'better-sqlite3';
import type { EnrolmentStatus } from '@hourglass/documents';

/** An enrolment as the API lists it (without its snapshot and timers). */
export interface EnrolmentSummary {
  id: string;
  flowId: string;
  contactId: string;
  version: number;
  status: EnrolmentStatus;
  enteredAt: number;
  endedAt: number | null;
  position: string | null;
}

/** An `enrolments` row as both stores read it for the API. */
export interface EnrolmentSummaryRow {
  id: string;
  flow_id: string;
  contact_id: string;
  version: number;
  status: string;
  entered_at: number;
  ended_at: number | null;
  position: string | null;
}
export const ENROLMENT_SUMMARY_COLUMNS = 'id, flow_id, contact_id, version, status, entered_at, ended_at, position';
const COLUMNS = ENROLMENT_SUMMARY_COLUMNS;
export const toSummary = (r: EnrolmentSummaryRow): EnrolmentSummary => ({
  id: r.id,
  flowId: r.flow_id,
  contactId: r.contact_id,
  version: r.version,
  status: r.status as EnrolmentStatus,
  enteredAt: r.entered_at,
  endedAt: r.ended_at,
  position: r.position,
});

/** Enrolment queries for the API: by flow, by contact, counts, and removal. */
export class EnrolmentRepository {
  private readonly q: Record<string, Statement>;

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      ofFlow: p(`SELECT ${COLUMNS} FROM enrolments WHERE flow_id = ? ORDER BY n DESC LIMIT ?`),
      ofContact: p(`SELECT ${COLUMNS} FROM enrolments WHERE contact_id = ? ORDER BY n`),
      get: p(`SELECT ${COLUMNS} FROM enrolments WHERE id = ?`),
      waiting: p(`SELECT position, count(*) AS n FROM enrolments WHERE flow_id = ? AND status = 'active' AND position IS NOT NULL GROUP BY position`),
      activeCount: p(`SELECT count(*) AS n FROM enrolments WHERE flow_id = ? AND status = 'active'`),
      waitingInVersion: p(`SELECT position, count(*) AS n FROM enrolments WHERE flow_id = ? AND version = ? AND status = 'active' GROUP BY position`),
      waitingOn: p(`SELECT id FROM enrolments WHERE flow_id = ? AND version = ? AND status = 'active' AND position = ? ORDER BY id LIMIT ?`),
      overdue: p('SELECT count(*) AS n FROM enrolments WHERE wake_at IS NOT NULL AND wake_at <= ?'),
      activeCounts: p(`SELECT flow_id, count(*) AS n FROM enrolments WHERE status = 'active' GROUP BY flow_id`),
      activeByVersion: p(`SELECT version, count(*) AS n FROM enrolments WHERE flow_id = ? AND status = 'active' GROUP BY version`),
      deleteSteps: p('DELETE FROM steps WHERE enrolment_id = ?'),
      delete: p('DELETE FROM enrolments WHERE id = ?'),
      deleteStepsOfFlow: p('DELETE FROM steps WHERE enrolment_id IN (SELECT id FROM enrolments WHERE flow_id = ?)'),
      deleteOfFlow: p('DELETE FROM enrolments WHERE flow_id = ?'),
      deleteRoundRobinOfFlow: p('DELETE FROM round_robin WHERE flow_id = ?'),
    };
  }

  /** A flow's enrolments, newest first. */
  ofFlow(flowId: string, limit: number): EnrolmentSummary[] {
    return (this.q.ofFlow!.all(flowId, limit) as EnrolmentSummaryRow[]).map(toSummary);
  }

  /** A contact's enrolments in every flow, oldest first. */
  ofContact(contactId: string): EnrolmentSummary[] {
    return (this.q.ofContact!.all(contactId) as EnrolmentSummaryRow[]).map(toSummary);
  }

  get(id: string): EnrolmentSummary | undefined {
    const row = this.q.get!.get(id) as EnrolmentSummaryRow | undefined;
    return row && toSummary(row);
  }

  /** How many active contacts wait on each node of a flow. */
  waitingByNode(flowId: string): Record<string, number> {
    const rows = this.q.waiting!.all(flowId) as { position: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.position, r.n]));
  }

  /** How many active contacts of a flow run in each version. */
  activeByVersion(flowId: string): Record<string, number> {
    return Object.fromEntries((this.q.activeByVersion!.all(flowId) as { version: number; n: number }[]).map((r) => [String(r.version), r.n]));
  }

  /** How many active contacts of one version of a flow wait on each node. */
  waitingInVersion(flowId: string, version: number): Record<string, number> {
    const rows = this.q.waitingInVersion!.all(flowId, version) as { position: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.position, r.n]));
  }

  /** The ids of the first active enrolments of a version waiting on a node (by id): a sample. */
  waitingOn(flowId: string, version: number, node: string, limit: number): string[] {
    return (this.q.waitingOn!.all(flowId, version, node, limit) as { id: string }[]).map((r) => r.id);
  }

  activeCount(flowId: string): number {
    return (this.q.activeCount!.get(flowId) as { n: number }).n;
  }

  /** How many enrolments have a timer due by `now` that has not fired yet (a backlog after downtime). */
  overdueCount(now: number): number {
    return (this.q.overdue!.get(now) as { n: number }).n;
  }

  /** Active enrolments per flow id. */
  activeCounts(): Map<string, number> {
    return new Map((this.q.activeCounts!.all() as { flow_id: string; n: number }[]).map((r) => [r.flow_id, r.n]));
  }

  /** Removes one enrolment with its steps (its timers are in its row). The caller holds the transaction. */
  delete(id: string): void {
    this.q.deleteSteps!.run(id);
    this.q.delete!.run(id);
  }

  /** Removes every enrolment of a flow, with steps, timers and round-robin counters. The caller holds the transaction. */
  deleteOfFlow(flowId: string): void {
    this.q.deleteStepsOfFlow!.run(flowId);
    this.q.deleteOfFlow!.run(flowId);
    this.q.deleteRoundRobinOfFlow!.run(flowId);
  }
}
