import type { ContactChanges } from '@hourglass/engine';
import { ApiError } from './apiError.ts';
import { ContactChangesBody, type ImportFailure } from '@hourglass/api';
import type { CsvRow } from './contactCsv.ts';

/** How an import finds an existing contact for a row. */
export type ImportKey = 'email' | 'id';
/** One valid row of an import: what `PUT /api/contacts/:id` would be given for it. */
export interface ImportRow {
  row: number;
  id?: string;
  email?: string;
  changes: ContactChanges;
}
export type { ImportFailure };
/** What one row of an import did: created a contact, changed one, nothing, or failed (and why). */
export type ImportOutcome = 'created' | 'updated' | 'unchanged' | ImportFailure;

const FIELDS = ['id', 'email', 'stage', 'owner', 'unsubscribed'] as const;
type Field = (typeof FIELDS)[number];
const MAX_ID = 200;
const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0']);
// Only a number written the way a number prints becomes one: "00123" (a zip code) and "1e3" stay text.
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** Reads the header's columns: the contact fields (named in any case) and the properties. */
export function importColumns(columns: readonly string[], key: ImportKey) {
  const fields = new Map<Field, number>();
  const properties: [string, number][] = [];
  columns.forEach((name, i) => {
    const field = FIELDS.find((f) => f === name.toLowerCase());
    if (field) fields.set(field, i);
    else properties.push([name, i]);
  });
  if (!fields.has(key)) {
    throw new ApiError(422, `The file has no "${key}" column, which finds each row's contact; add one${key === 'email' ? ', or import with key=id' : ''}.`);
  }
  return { names: columns, fields, properties };
}
export type ImportColumns = ReturnType<typeof importColumns>;

/**
 * One CSV row as the changes `PUT /api/contacts/:id` would take, checked by the same schema,
 * or the reasons it is skipped (each naming its column). Empty cells set nothing.
 */
export function readImportRow(row: CsvRow, columns: ImportColumns, key: ImportKey): ImportRow | ImportFailure[] {
  if (row.width !== columns.names.length) {
    return [{ row: row.row, error: `The row has ${row.width.toLocaleString('en')} cells but the header has ${columns.names.length.toLocaleString('en')}.` }];
  }
  const cell = (field: Field) => {
    const i = columns.fields.get(field);
    return i === undefined || row.cells[i] === '' ? undefined : row.cells[i];
  };
  const columnOf = (field: Field) => columns.names[columns.fields.get(field)!]!;
  const failures: ImportFailure[] = [];
  const id = cell('id');
  const email = cell('email');
  const keyValue = key === 'id' ? id : email;
  if (keyValue === undefined) failures.push({ row: row.row, column: columnOf(key), error: `The ${key} is empty; it is needed to find the contact.` });
  if (id !== undefined && id.length > MAX_ID) failures.push({ row: row.row, column: columnOf('id'), error: `A contact id is at most ${MAX_ID} characters.` });

  const properties: Record<string, string | number | boolean> = {};
  for (const [name, i] of columns.properties) {
    const value = row.cells[i]!;
    if (value !== '') properties[name] = NUMBER.test(value) && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  const unsubscribed = cell('unsubscribed');
  if (unsubscribed !== undefined) {
    const v = unsubscribed.toLowerCase();
    if (TRUE.has(v)) properties.unsubscribed = true;
    else if (FALSE.has(v)) properties.unsubscribed = false;
    else failures.push({ row: row.row, column: columnOf('unsubscribed'), error: `"${unsubscribed}" is not yes or no: write true, false, yes, no, 1 or 0.` });
  }
  const body = {
    ...(email !== undefined ? { email } : {}),
    ...(cell('stage') !== undefined ? { stage: cell('stage') } : {}),
    ...(cell('owner') !== undefined ? { owner: cell('owner') } : {}),
    ...(Object.keys(properties).length ? { properties } : {}),
  };
  const parsed = ContactChangesBody.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, name] = issue.path;
      const column =
        top === 'properties' && typeof name === 'string'
          ? name === 'unsubscribed' && columns.fields.has('unsubscribed')
            ? columnOf('unsubscribed')
            : name
          : columnOf(top as Field);
      failures.push({ row: row.row, column, error: issue.message });
    }
  }
  if (failures.length || !parsed.success) return failures;
  return { row: row.row, ...(id !== undefined ? { id } : {}), ...(email !== undefined ? { email } : {}), changes: parsed.data as ContactChanges };
}
