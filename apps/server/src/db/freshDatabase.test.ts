import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase } from './freshDatabase.ts';
import { openDatabase } from './openDatabase.ts';

const opened: Database[] = [];
let dir: string | undefined;
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});
const keep = (db: Database) => (opened.push(db), db);

/** What tells two databases apart as Hourglass sees them: schema, rows and connection settings. */
function shape(db: Database) {
  const pragma = (name: string) => db.pragma(name, { simple: true });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  return {
    schema: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all(),
    rows: Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()])),
    settings: ['journal_mode', 'foreign_keys', 'temp_store', 'secure_delete', 'busy_timeout', 'synchronous'].map((p) => [p, pragma(p)]),
  };
}

describe('freshDatabase', () => {
  it('gives a database like a new one opened and migrated by openDatabase, in memory and in a file', () => {
    dir = mkdtempSync(join(tmpdir(), 'hourglass-fresh-'));
    expect(shape(keep(freshDatabase()))).toEqual(shape(keep(openDatabase(':memory:'))));
    expect(shape(keep(freshDatabase(join(dir, 'a.db'))))).toEqual(shape(keep(openDatabase(join(dir, 'b.db')))));
  });

  it('gives every caller a database of its own', () => {
    const a = keep(freshDatabase());
    a.prepare("INSERT INTO settings (key, value) VALUES ('written', 'in a')").run();
    expect(keep(freshDatabase()).prepare("SELECT count(*) AS n FROM settings WHERE key = 'written'").get()).toEqual({ n: 0 });
  });

  it('refuses to overwrite a file that exists', () => {
    dir = mkdtempSync(join(tmpdir(), 'hourglass-fresh-'));
    keep(openDatabase(join(dir, 'h.db')));
    expect(() => freshDatabase(join(dir!, 'h.db'))).toThrow(/EEXIST/);
  });
});
