import type { Database, Statement } from 'better-sqlite3';
import type { FormBody } from '@hourglass/api';

/** A stored form: its definition and when it was last saved. */
export interface StoredForm extends FormBody {
  id: string;
  updatedAt: number;
}

interface Row {
  id: string;
  definition: string;
  updated_at: number;
}
const toForm = (r: Row): StoredForm => ({ ...(JSON.parse(r.definition) as FormBody), id: r.id, updatedAt: r.updated_at });

/** The forms table: definitions as saved through `PUT /api/forms/:id`. */
export class FormRepository {
  private readonly q: Record<'list' | 'get' | 'put' | 'delete', Statement>;

  constructor(db: Database) {
    this.q = {
      list: db.prepare('SELECT * FROM forms ORDER BY id'),
      get: db.prepare('SELECT * FROM forms WHERE id = ?'),
      put: db.prepare(`INSERT INTO forms (id, definition, updated_at) VALUES (?, ?, ?)
                       ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at`),
      delete: db.prepare('DELETE FROM forms WHERE id = ?'),
    };
  }

  list(): StoredForm[] {
    return (this.q.list.all() as Row[]).map(toForm);
  }

  get(id: string): StoredForm | undefined {
    const row = this.q.get.get(id) as Row | undefined;
    return row && toForm(row);
  }

  /** Saves the form; whether it was new. */
  put(id: string, form: FormBody, at: number): boolean {
    const existed = this.q.get.get(id) !== undefined;
    this.q.put.run(id, JSON.stringify(form), at);
    return !existed;
  }

  delete(id: string): boolean {
    return this.q.delete.run(id).changes > 0;
  }
}
