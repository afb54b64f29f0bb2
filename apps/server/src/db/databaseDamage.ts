import type { Database } from 'better-sqlite3';

/** Thrown when the database file is damaged: main prints the sentence (no stack) and exits. */
export class DamagedDatabaseError extends Error {}

/** The columns that hold JSON text, where a damaged page shows up as a parse error. */
const JSON_COLUMNS: readonly [table: string, column: string][] = [
  ['flows', 'draft'],
  ['flow_versions', 'flow'],
  ['contacts', 'properties'],
  ['events', 'data'],
  ['enrolments', 'snapshot'],
  ['enrolments', 'timers'],
  ['handoffs', 'record'],
  ['scenarios', 'scenario'],
  ['scenarios', 'expected'],
  ['inbox', 'event'],
];

const isCorrupt = (e: unknown) => /^SQLITE_(CORRUPT|NOTADB)/.test(String((e as { code?: unknown }).code ?? ''));

function advice(path: string): string {
  return (
    'Stop Hourglass, then restore the file from a backup; or save what can still be read with ' +
    `\`sqlite3 '${path}' '.recover' | sqlite3 recovered.db\` and set HOURGLASS_DB to recovered.db; or move ` +
    `${path} (with its -wal and -shm files) away to start with an empty workspace.`
  );
}

/** Where stored JSON no longer parses, as "table.column (n rows)"; empty when none is found. */
function brokenJson(db: Database): string[] {
  const found: string[] = [];
  for (const [table, column] of JSON_COLUMNS) {
    try {
      const { n } = db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} IS NOT NULL AND json_valid(${column}) = 0`).get() as { n: number };
      if (n > 0) found.push(`${table}.${column} (${n} row${n === 1 ? '' : 's'})`);
    } catch (e) {
      if (isCorrupt(e)) found.push(`${table} (unreadable)`);
      // A table a newer or older schema lacks: nothing to look at.
    }
  }
  try {
    if (db.prepare("SELECT 1 FROM settings WHERE key = 'scoring' AND json_valid(value) = 0").get()) found.push('settings.value (the scoring model)');
  } catch {
    // as above
  }
  return found;
}

/**
 * The error to report when `error`, met while opening the database at `path` or reading it at
 * start, means the file is damaged: SQLite found it corrupt or not a database, or a stored
 * record is no longer valid JSON (looked up in `db` to name the table). Undefined for any other
 * error, which is reported as it is.
 */
export function damagedDatabase(error: unknown, path: string, db?: Database): DamagedDatabaseError | undefined {
  if (isCorrupt(error)) {
    return new DamagedDatabaseError(`The database ${path} is damaged: ${(error as Error).message}. ${advice(path)}`);
  }
  if (error instanceof SyntaxError && db?.open) {
    const where = brokenJson(db);
    if (where.length === 0) return undefined;
    return new DamagedDatabaseError(
      `The database ${path} is damaged: stored records are not valid JSON in ${where.join(', ')} (${error.message}). ${advice(path)}`,
    );
  }
  return undefined;
}
