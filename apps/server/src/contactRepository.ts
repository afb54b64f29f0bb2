import type { Database, Statement } from 'better-sqlite3';
import type { Scalar } from '@hourglass/documents';

/** An event of a contact as the API lists it: the client's id when it gave one. */
export interface ContactEventRow { id: string; seq: number; at: number; type: string; data: Record<string, Scalar> }

/** Contact queries the engine does not need: search, history and erasure. */
export class ContactRepository {
  private readonly q: Record<string, Statement>;

  constructor(private readonly db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      search: p(`SELECT id FROM contacts
                 WHERE ? = '' OR instr(lower(id), ?) > 0 OR instr(lower(coalesce(email, '')), ?) > 0 OR instr(lower(properties), ?) > 0
                 ORDER BY updated_at DESC, id LIMIT ?`),
      events: p(`SELECT e.seq, e.at, e.type, e.data, i.id AS external_id FROM events e
                 LEFT JOIN event_ids i ON i.seq = e.seq
                 WHERE e.contact_id = ? ORDER BY e.seq DESC LIMIT ?`),
      exists: p('SELECT 1 FROM contacts WHERE id = ?'),
      eraseSteps: p('DELETE FROM steps WHERE enrolment_id IN (SELECT id FROM enrolments WHERE contact_id = ?)'),
      eraseEnrolments: p('DELETE FROM enrolments WHERE contact_id = ?'),
      eraseEvents: p('DELETE FROM events WHERE contact_id = ?'),
      eraseEventCounts: p('DELETE FROM event_counts WHERE contact_id = ?'),
      eraseEventIds: p('DELETE FROM event_ids WHERE contact_id = ?'),
      eraseEmails: p('DELETE FROM emails WHERE contact_id = ?'),
      eraseHandoffs: p('DELETE FROM handoffs WHERE contact_id = ?'),
      eraseContact: p('DELETE FROM contacts WHERE id = ?'),
    };
  }

  exists(id: string): boolean {
    return this.q.exists!.get(id) !== undefined;
  }

  /** Ids of contacts whose id, email or properties contain `text` (case-insensitive), most recently changed first. */
  search(text: string, limit: number): string[] {
    const t = text.trim().toLowerCase();
    return (this.q.search!.all(t, t, t, t, limit) as { id: string }[]).map((r) => r.id);
  }

  /** A contact's most recent events, newest first. */
  events(contactId: string, limit: number): ContactEventRow[] {
    const rows = this.q.events!.all(contactId, limit) as { seq: number; at: number; type: string; data: string; external_id: string | null }[];
    return rows.map((r) => ({ id: r.external_id ?? `seq-${r.seq}`, seq: r.seq, at: r.at, type: r.type, data: JSON.parse(r.data) }));
  }

  /**
   * Erases a contact and everything about it (the right to be forgotten): events and their ids,
   * enrolments with their steps and timers, emails (sent or not) and handoffs. Returns whether
   * the contact existed. The caller holds the transaction.
   */
  erase(id: string): boolean {
    for (const name of ['eraseSteps', 'eraseEnrolments', 'eraseEvents', 'eraseEventCounts', 'eraseEventIds', 'eraseEmails', 'eraseHandoffs']) {
      this.q[name]!.run(id);
    }
    return this.q.eraseContact!.run(id).changes > 0;
  }
}
