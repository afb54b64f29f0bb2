// Many waiting contacts made fast: the contacts fillWaiting (test/waitingContacts.ts) put in a
// database through the Runtime, copied in bulk SQL under new ids. Entering 100,000 contacts one
// input at a time costs half a minute of CPU; copying a thousand of them a hundred times costs a
// second, and every row is still one the Runtime wrote, only renamed.
import type { Database } from 'better-sqlite3';

/** Tables whose rows belong to no one contact: left as they are (report_counts and counters are scaled). */
const SHARED = new Set(['flows', 'flow_versions', 'schema_version', 'settings', 'sqlite_sequence', 'report_counts', 'counters']);

/** Contact ids `c0`… `c{seed-1}` become `c{i + k·seed}` in copy k: the ids fillWaiting would have given. */
const contact = (col: string) => `'c' || (CAST(substr(${col}, 2) AS INTEGER) + copies.k * $seed)`;
/** Time-ordered ids (enrolments, emails) keep their unique time and sequence, and end in the copy's number. */
const timeOrdered = (col: string) => `substr(${col}, 1, 19) || printf('bfff-%012x', copies.k)`;

/**
 * How each copied table's columns change in copy k (columns not named are copied as they are;
 * `null` lets SQLite number the row). Timer and event sequences move up by whole seeds, so they
 * stay unique and in the order the Runtime would have given.
 */
const COPIED: Record<string, Record<string, string | null>> = {
  contacts: { id: contact('id') },
  enrolments: {
    n: null,
    id: timeOrdered('id'),
    contact_id: contact('contact_id'),
    timers: `(SELECT json_group_array(json_set(value, '$.seq', json_extract(value, '$.seq') + copies.k * $timerSeq)) FROM json_each(timers))`,
    wake_seq: `wake_seq + copies.k * $timerSeq`,
  },
  steps: { n: null, enrolment_id: timeOrdered('enrolment_id') },
  events: { seq: `seq + copies.k * $eventSeq`, contact_id: contact('contact_id') },
  event_ids: { id: `id || '#' || copies.k`, contact_id: contact('contact_id'), seq: `seq + copies.k * $eventSeq` },
  event_counts: { contact_id: contact('contact_id') },
  emails: { n: null, id: timeOrdered('id'), enrolment_id: timeOrdered('enrolment_id'), contact_id: contact('contact_id') },
};

/**
 * Multiplies the contacts of `db` by `times`: `db` holds exactly the contacts `c0`… `c{n-1}` that
 * fillWaiting made (and nothing else of any contact); afterwards it holds `c0`… `c{n·times-1}`,
 * each copy with the enrolment, steps, email, events and timer of its original, and the report's
 * counts and the timer counter scaled to match. Throws when the database holds rows it would not
 * know how to copy.
 */
export function copyWaiting(db: Database, times: number): void {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
  for (const name of tables) {
    if (SHARED.has(name) || name in COPIED) continue;
    if (db.prepare(`SELECT 1 FROM "${name}" LIMIT 1`).get()) throw new Error(`copyWaiting does not know how to copy the rows of ${name}`);
  }
  const ids = db.prepare('SELECT id FROM contacts').pluck().all() as string[];
  const seed = ids.length;
  if (seed === 0 || !ids.every((id) => /^c\d+$/.test(id) && Number(id.slice(1)) < seed))
    throw new Error('copyWaiting needs the contacts c0… c{n-1} of fillWaiting');
  const params = {
    seed,
    timerSeq: db.prepare("SELECT value FROM counters WHERE name = 'timer_seq'").pluck().get() as number,
    eventSeq: db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number,
    times,
  };
  db.transaction(() => {
    for (const [table, changed] of Object.entries(COPIED)) {
      const columns = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).filter((c) => changed[c] !== null);
      const values = columns.map((c) => changed[c] ?? c);
      const withoutRowid = /WITHOUT ROWID/i.test(db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(table) as string);
      const sql = `WITH RECURSIVE copies(k) AS (SELECT 1 WHERE $times > 1 UNION ALL SELECT k + 1 FROM copies WHERE k < $times - 1)
         INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM ${table}, copies
         ORDER BY copies.k${withoutRowid ? '' : `, ${table}.rowid`}`;
      // The numbers written into the statement: bound, better-sqlite3 passes them as reals.
      db.prepare(sql.replace(/\$(\w+)/g, (_, k: keyof typeof params) => String(Math.trunc(params[k])))).run();
    }
    db.prepare('UPDATE report_counts SET count = count * ?').run(times);
    db.prepare("UPDATE counters SET value = value * ? WHERE name = 'timer_seq'").run(times);
  })();
}
