import type { Pool } from 'pg';
import type { ContactRecord } from '@hourglass/engine';
import { lookupKeys, overlay, planRows } from '../contactImportPlan.ts';
import type { ImportKey, ImportOutcome, ImportRow } from '../contactImportRows.ts';
import type { ContactImportEntry } from '../inboxEntry.ts';
import { toContact, type ContactRow } from '../sqliteRows.ts';
import type { ImportLookup } from '../storeApi.ts';
import type { PgCommands } from './pgCommands.ts';

const COLUMNS = 'id, email, stage, owner, properties, adjustments';
/**
 * A slice's contacts in one round trip: those with the ids, and up to two with each email
 * (`asked`, whatever its case, as SQLite's `withEmail`), found by the index on lower(email).
 */
const LOOKUP = `
  SELECT NULL::text AS asked, ${COLUMNS} FROM contacts WHERE id = ANY($1::text[])
  UNION ALL
  SELECT a.asked, c.* FROM unnest($2::text[]) AS a(asked)
  CROSS JOIN LATERAL (SELECT ${COLUMNS} FROM contacts WHERE lower(email) = lower(a.asked) ORDER BY id LIMIT 2) AS c`;

/**
 * A contact import on PostgreSQL (campaign spec §4), with the same answers and effects as on
 * SQLite. A slice is planned against its contacts read in one query (`LOOKUP`), then each valid
 * row is queued in one statement as a `contactImport` command for the contact it was planned
 * for (the inbox's line is per contact: inputs accepted before it for that contact go first),
 * applied by whichever worker holds the contact, which decides created, updated or unchanged
 * as the contact is then (applyImportEntry), and answered through `command_answers`.
 */
export class PgContactImport {
  constructor(
    private readonly pool: Pool,
    private readonly commands: PgCommands,
  ) {}

  /** Runs `plan` over the contacts with these ids and emails, read in one query, writing nothing. */
  async viewContacts<T>(keys: { ids: readonly string[]; emails: readonly string[] }, plan: (lookup: ImportLookup) => T): Promise<T> {
    const { rows } = await this.pool.query<ContactRow & { asked: string | null }>(LOOKUP, [keys.ids, keys.emails]);
    const byId = new Map<string, ContactRecord>();
    const byEmail = new Map<string, ContactRecord[]>();
    for (const row of rows) {
      const contact = toContact(row) as ContactRecord;
      byId.set(contact.id, contact);
      if (row.asked !== null) byEmail.set(row.asked, [...(byEmail.get(row.asked) ?? []), contact]);
    }
    const asked = new Set(keys.emails);
    return plan({
      byId: (id) => byId.get(id),
      byEmail: (email) => {
        if (!asked.has(email)) throw new Error(`The import looked up the email "${email}", which its slice did not read.`);
        return byEmail.get(email) ?? [];
      },
    });
  }

  /**
   * Plans a slice's rows (a row after the rows before it, as on SQLite), queues a command for
   * each row that names its contact, and answers each row's outcome once applied. A row that
   * fails in the plan (an ambiguous email, an id that is another contact's) queues nothing.
   */
  async importSlice(rows: readonly ImportRow[], key: ImportKey): Promise<(ImportOutcome | Error)[]> {
    const plans = await this.viewContacts(lookupKeys(rows, key), (lookup) => planRows(rows, key, overlay(lookup)));
    const queued: ContactImportEntry[] = [];
    const at: number[] = [];
    plans.forEach(({ contactId, answer }, i) => {
      if (contactId === undefined) return;
      const row = rows[i]!;
      at.push(i);
      // Found by its email (not created): the contact must still have it when its turn comes.
      const email = key === 'email' && answer !== 'created' ? { email: row.email! } : {};
      queued.push({ kind: 'contactImport', contactId, changes: row.changes, ...email, row: row.row });
    });
    const answers = await this.commands.sendAll(queued);
    const outcomes: (ImportOutcome | Error)[] = plans.map((p) => p.answer);
    answers.forEach((answer, j) => (outcomes[at[j]!] = answer as ImportOutcome | Error));
    return outcomes;
  }
}
