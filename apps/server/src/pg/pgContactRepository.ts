import type { Pool } from 'pg';
import type { StoredContact } from '@hourglass/engine';
import { toEventRow, type ContactEventRow, type RawEvent } from '../contactRepository.ts';
import { toContact, type ContactRow } from '../sqliteRows.ts';
import type { ContactReads } from '../storeApi.ts';

/** Contact queries of the API in PostgreSQL: the contact, search and history (as ContactRepository on SQLite). */
export class PgContactRepository implements ContactReads {
  constructor(private readonly pool: Pool) {}

  async getContact(id: string): Promise<StoredContact | undefined> {
    const { rows } = await this.pool.query<ContactRow>('SELECT id, email, stage, owner, properties, adjustments FROM contacts WHERE id = $1', [id]);
    return rows[0] && toContact(rows[0]);
  }

  /** Ids of contacts whose id, email or properties contain `text` (case-insensitive), most recently changed first. */
  async search(text: string, limit: number): Promise<string[]> {
    const t = text.trim().toLowerCase();
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM contacts
       WHERE $1 = '' OR strpos(lower(id), $1) > 0 OR strpos(lower(coalesce(email, '')), $1) > 0 OR strpos(lower(properties), $1) > 0
       ORDER BY updated_at DESC, id LIMIT $2`,
      [t, limit],
    );
    return rows.map((r) => r.id);
  }

  /** A contact's most recent events, newest first, with the ids clients gave them. */
  async events(contactId: string, limit: number): Promise<ContactEventRow[]> {
    const { rows } = await this.pool.query<RawEvent>(
      `SELECT e.seq, e.at, e.type, e.data, i.id AS external_id FROM events e
       LEFT JOIN event_ids i ON i.contact_id = e.contact_id AND i.seq = e.seq
       WHERE e.contact_id = $1 ORDER BY e.seq DESC LIMIT $2`,
      [contactId, limit],
    );
    return rows.map(toEventRow);
  }

  /** How many events of `type` the contact has (events_by_contact_type). */
  async countOfType(contactId: string, type: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE contact_id = $1 AND type = $2', [contactId, type]);
    return rows[0]!.n;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM contacts WHERE id = $1', [id])).rows.length > 0;
  }

  async any(): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM contacts LIMIT 1')).rows.length > 0;
  }

  /** The property names of the `sample` most recently changed contacts (at most 2,000 names). */
  async propertyNames(sample: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ name: string }>(
      `SELECT DISTINCT j.name FROM (SELECT properties FROM contacts ORDER BY updated_at DESC LIMIT $1) c,
       jsonb_object_keys(c.properties::jsonb) AS j(name) ORDER BY 1 LIMIT 2000`,
      [sample],
    );
    return rows.map((r) => r.name);
  }
}
