import type { Database, Statement } from 'better-sqlite3';

/** How long a double opt-in consent waits for its link to be followed. */
export const CONFIRMATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** One consent as stored (erased with its contact, see ContactRepository.erase). */
export interface ConsentRecord {
  id: string;
  contactId: string;
  formId: string;
  text: string;
  at: number;
  ip: string;
  userAgent: string;
  doubleOptIn: boolean;
  confirmedAt: number | null;
}

interface Row {
  id: string;
  contact_id: string;
  form_id: string;
  text: string;
  at: number;
  ip: string;
  user_agent: string;
  double_opt_in: number;
  confirmed_at: number | null;
}
const toRecord = (r: Row): ConsentRecord => ({
  id: r.id,
  contactId: r.contact_id,
  formId: r.form_id,
  text: r.text,
  at: r.at,
  ip: r.ip,
  userAgent: r.user_agent,
  doubleOptIn: r.double_opt_in === 1,
  confirmedAt: r.confirmed_at,
});

/** Whether a consent is given, waits for its link, or waited too long. */
export function consentStatus(c: ConsentRecord, now: number): 'confirmed' | 'pending' | 'expired' {
  if (c.confirmedAt !== null) return 'confirmed';
  return now - c.at > CONFIRMATION_TTL_MS ? 'expired' : 'pending';
}

/** The consents table: the proof of every consent given through a form. */
export class ConsentRepository {
  private readonly q: Record<'add' | 'get' | 'ofContact' | 'confirm', Statement>;

  constructor(db: Database) {
    this.q = {
      add: db.prepare(`INSERT INTO consents (id, contact_id, form_id, text, at, ip, user_agent, double_opt_in, confirmed_at)
                       VALUES (@id, @contactId, @formId, @text, @at, @ip, @userAgent, @doubleOptIn, @confirmedAt)`),
      get: db.prepare('SELECT * FROM consents WHERE id = ?'),
      ofContact: db.prepare('SELECT * FROM consents WHERE contact_id = ? ORDER BY n'),
      confirm: db.prepare('UPDATE consents SET confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL'),
    };
  }

  add(c: ConsentRecord): void {
    this.q.add.run({ ...c, doubleOptIn: c.doubleOptIn ? 1 : 0 });
  }

  get(id: string): ConsentRecord | undefined {
    const row = this.q.get.get(id) as Row | undefined;
    return row && toRecord(row);
  }

  /** The contact's consents, oldest first. */
  ofContact(contactId: string): ConsentRecord[] {
    return (this.q.ofContact.all(contactId) as Row[]).map(toRecord);
  }

  /** Marks a pending consent confirmed; false when it already was. */
  confirm(id: string, at: number): boolean {
    return this.q.confirm.run(at, id).changes > 0;
  }
}
