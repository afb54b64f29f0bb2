import type { Pool } from 'pg';
import type { FormBody } from '@hourglass/api';
import type { ConsentRecord } from '../consentRepository.ts';
import type { StoredForm } from '../formRepository.ts';
import type { FormStore } from '../storeApi.ts';

// Forms and the consents given through them in PostgreSQL, as FormRepository and
// ConsentRepository keep them on SQLite. Consents are written by PgFormInputs, in the
// transaction that queues the post's inputs.

export class PgFormRepository implements FormStore {
  constructor(private readonly pool: Pool) {}

  async list(): Promise<StoredForm[]> {
    const { rows } = await this.pool.query<FormRow>('SELECT id, definition, updated_at FROM forms ORDER BY id COLLATE "C"');
    return rows.map(toForm);
  }

  async get(id: string): Promise<StoredForm | undefined> {
    const { rows } = await this.pool.query<FormRow>('SELECT id, definition, updated_at FROM forms WHERE id = $1', [id]);
    return rows[0] && toForm(rows[0]);
  }

  /** Saves the form; whether it was new (xmax is 0 on a row the statement inserted). */
  async put(id: string, form: FormBody, at: number): Promise<boolean> {
    const { rows } = await this.pool.query<{ created: boolean }>(
      `INSERT INTO forms (id, definition, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
       RETURNING xmax = 0 AS created`,
      [id, JSON.stringify(form), at],
    );
    return rows[0]!.created;
  }

  async delete(id: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM forms WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }
}

export class PgConsentRepository {
  constructor(private readonly pool: Pool) {}

  async get(id: string): Promise<ConsentRecord | undefined> {
    return (await this.pool.query<ConsentRecord>(`SELECT ${CONSENT} FROM consents WHERE id = $1`, [id])).rows[0];
  }

  /** The contact's consents, oldest first. */
  async ofContact(contactId: string): Promise<ConsentRecord[]> {
    return (await this.pool.query<ConsentRecord>(`SELECT ${CONSENT} FROM consents WHERE contact_id = $1 ORDER BY n`, [contactId])).rows;
  }
}

interface FormRow {
  id: string;
  definition: string;
  updated_at: number;
}
const toForm = (r: FormRow): StoredForm => ({ ...(JSON.parse(r.definition) as FormBody), id: r.id, updatedAt: r.updated_at });

/** The columns of a consent as ConsentRecord names them (bigint arrives as a number, see pgTypes.ts). */
export const CONSENT = `id, contact_id AS "contactId", form_id AS "formId", text, at, ip, user_agent AS "userAgent",
  double_opt_in AS "doubleOptIn", confirmed_at AS "confirmedAt"`;
