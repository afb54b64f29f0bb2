import type { Database, Statement } from 'better-sqlite3';
import type { Scalar } from '@hourglass/documents';

/** An event of a contact as the API lists it: the client's id when it gave one. */
export interface ContactEventRow {
  id: string;
  seq: number;
  at: number;
  type: string;
  data: Record<string, Scalar>;
}

/** An `events` row as the contact's history reads it (both stores keep the same columns). */
export interface RawEvent {
  seq: number;
  at: number;
  type: string;
  data: string;
  external_id: string | null;
}
export const toEventRow = (r: RawEvent): ContactEventRow => ({
  id: r.external_id ?? `seq-${r.seq}`,
  seq: r.seq,
  at: r.at,
  type: r.type,
  data: JSON.parse(r.data),
});

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
      everyEvent: p(`SELECT e.seq, e.at, e.type, e.data, i.id AS external_id FROM events e
                     LEFT JOIN event_ids i ON i.seq = e.seq
                     WHERE e.contact_id = ? ORDER BY e.seq`),
      queued: p(`SELECT at, event FROM inbox WHERE json_extract(event, '$.contactId') = ? AND kind = 'event' ORDER BY n`),
      exists: p('SELECT 1 FROM contacts WHERE id = ?'),
      any: p('SELECT 1 FROM contacts LIMIT 1'),
      // The newest contacts by rowid: a bounded read however many contacts there are.
      propertyNames: p(`SELECT DISTINCT j.key AS name FROM (SELECT properties FROM contacts ORDER BY rowid DESC LIMIT ?) c, json_each(c.properties) j
                        ORDER BY name LIMIT 2000`),
      countOfType: p('SELECT count(*) AS n FROM events WHERE contact_id = ? AND type = ?'),
      withEmail: p('SELECT id FROM contacts WHERE lower(email) = lower(?) AND email IS NOT NULL ORDER BY id LIMIT ?'),
      eraseSteps: p('DELETE FROM steps WHERE enrolment_id IN (SELECT id FROM enrolments WHERE contact_id = ?)'),
      eraseEnrolments: p('DELETE FROM enrolments WHERE contact_id = ?'),
      eraseEvents: p('DELETE FROM events WHERE contact_id = ?'),
      eraseEventCounts: p('DELETE FROM event_counts WHERE contact_id = ?'),
      eraseEventIds: p('DELETE FROM event_ids WHERE contact_id = ?'),
      eraseEmails: p('DELETE FROM emails WHERE contact_id = ?'),
      eraseHandoffs: p('DELETE FROM handoffs WHERE contact_id = ?'),
      // Queued events are blanked, not deleted: the inbox stays one run of places in line (its
      // size is max - min), and processing skips a blank row (Runtime.processInbox).
      eraseInbox: p(`UPDATE inbox SET event_id = '', event = 'null' WHERE json_extract(event, '$.contactId') = ?`),
      eraseFailedEvents: p('DELETE FROM failed_events WHERE contact_id = ?'),
      eraseConsents: p('DELETE FROM consents WHERE contact_id = ?'),
      eraseContact: p('DELETE FROM contacts WHERE id = ?'),
    };
  }

  /** The property names of the `sample` most recently created contacts (at most 2,000 names). */
  propertyNames(sample: number): string[] {
    return (this.q.propertyNames!.all(sample) as { name: string }[]).map((r) => r.name);
  }

  /** Whether the workspace has a contact at all. */
  any(): boolean {
    return this.q.any!.get() !== undefined;
  }

  exists(id: string): boolean {
    return this.q.exists!.get(id) !== undefined;
  }

  /** Ids of up to `limit` contacts with this email, whatever its case. */
  /** How many events of `type` the contact has. */
  countOfType(contactId: string, type: string): number {
    return (this.q.countOfType!.get(contactId, type) as { n: number }).n;
  }

  withEmail(email: string, limit: number): string[] {
    return (this.q.withEmail!.all(email, limit) as { id: string }[]).map((r) => r.id);
  }

  /** Ids of contacts whose id, email or properties contain `text` (case-insensitive), most recently changed first. */
  search(text: string, limit: number): string[] {
    const t = text.trim().toLowerCase();
    return (this.q.search!.all(t, t, t, t, limit) as { id: string }[]).map((r) => r.id);
  }

  /** A contact's most recent events, newest first. */
  events(contactId: string, limit: number): ContactEventRow[] {
    return (this.q.events!.all(contactId, limit) as RawEvent[]).map(toEventRow);
  }

  /** Every event of a contact, oldest first (the data export). */
  everyEvent(contactId: string): ContactEventRow[] {
    return (this.q.everyEvent!.all(contactId) as RawEvent[]).map(toEventRow);
  }

  /** A contact's events accepted but still waiting in the inbox, in line order, as the client sent them. */
  queued(contactId: string): { at: number; event: Record<string, unknown> }[] {
    return (this.q.queued!.all(contactId) as { at: number; event: string }[]).map((r) => ({ at: r.at, event: JSON.parse(r.event) }));
  }

  /**
   * Erases a contact and everything about it (the right to be forgotten): events and their ids,
   * enrolments with their steps and timers, emails (sent or not), handoffs, and its events still
   * waiting in the inbox (else processing them would bring the contact back). A table added
   * later that holds contact data must be cleared here too. Returns whether anything was
   * erased. The caller holds the transaction.
   */
  erase(id: string): boolean {
    let erased = 0;
    for (const name of [
      'eraseSteps',
      'eraseEnrolments',
      'eraseEvents',
      'eraseEventCounts',
      'eraseEventIds',
      'eraseEmails',
      'eraseHandoffs',
      'eraseInbox',
      'eraseFailedEvents',
      'eraseConsents',
    ]) {
      erased += this.q[name]!.run(id).changes;
    }
    return this.q.eraseContact!.run(id).changes + erased > 0;
  }
}
