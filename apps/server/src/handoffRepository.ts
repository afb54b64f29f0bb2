import type { Database, Statement } from 'better-sqlite3';
import type { HandoffRecord } from '@hourglass/engine';

export type HandoffStatus = 'open' | 'accepted' | 'rejected';

/** A handoff in the sales inbox: what the engine recorded plus the sales verdict. */
export interface HandoffEntry {
  record: HandoffRecord;
  status: HandoffStatus;
  note: string | null;
  feedbackAt: number | null;
}

export interface HandoffRow {
  record: string;
  status: string;
  note: string | null;
  feedback_at: number | null;
}
/** A `handoffs` row as the API shows it (both stores keep the same columns). */
export const toHandoffEntry = (r: HandoffRow): HandoffEntry => ({
  record: JSON.parse(r.record),
  status: r.status as HandoffStatus,
  note: r.note,
  feedbackAt: r.feedback_at,
});

/** The sales inbox: handoffs by owner and status, and the verdict sales gives each. */
export class HandoffRepository {
  private readonly q: Record<string, Statement>;

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      list: p(`SELECT record, status, note, feedback_at FROM handoffs
               WHERE (@owner IS NULL OR owner = @owner) AND (@status IS NULL OR status = @status)
                 AND (@flow IS NULL OR flow_id = @flow) AND (@contact IS NULL OR contact_id = @contact)
               ORDER BY n DESC LIMIT @limit`),
      get: p('SELECT record, status, note, feedback_at FROM handoffs WHERE id = ?'),
      feedback: p(`UPDATE handoffs SET status = ?, note = ?, feedback_at = ? WHERE id = ? AND status = 'open'`),
    };
  }

  list(filter: { owner?: string; status?: HandoffStatus; flow?: string; contact?: string; limit: number }): HandoffEntry[] {
    const rows = this.q.list!.all({
      owner: filter.owner ?? null,
      status: filter.status ?? null,
      flow: filter.flow ?? null,
      contact: filter.contact ?? null,
      limit: filter.limit,
    }) as HandoffRow[];
    return rows.map(toHandoffEntry);
  }

  get(id: string): HandoffEntry | undefined {
    const row = this.q.get!.get(id) as HandoffRow | undefined;
    return row && toHandoffEntry(row);
  }

  /** Records the verdict of an open handoff; false when it already has one. */
  setFeedback(id: string, verdict: 'accepted' | 'rejected', note: string | null, at: number): boolean {
    return this.q.feedback!.run(verdict, note, at, id).changes > 0;
  }
}

/** The event a verdict of sales sends into the flows of the handoff's contact (both stores). */
export function salesFeedbackData(handoffId: string, verdict: 'accepted' | 'rejected', note: string | undefined) {
  return { verdict, handoff: handoffId, ...(note !== undefined ? { note } : {}) };
}
