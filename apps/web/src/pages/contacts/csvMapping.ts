import { parse } from 'csv-parse/browser/esm/sync';

/** What a column of the file becomes: a contact field, a property (under a name), or nothing. */
export type ColumnTarget = 'id' | 'email' | 'stage' | 'owner' | 'unsubscribed' | 'property' | 'skip';
export interface ColumnMapping {
  header: string;
  target: ColumnTarget;
  property: string;
}
/** A file read in the browser: its columns and data rows, numbered as the server numbers them. */
export interface CsvFile {
  columns: string[];
  rows: { row: number; cells: string[] }[];
}

export const FIELD_TARGETS = ['id', 'email', 'stage', 'owner', 'unsubscribed'] as const;

/**
 * Reads the chosen file as the server will (UTF-8, a header row, `,` or `;` picked from the
 * header line; blank rows left out), so the preview and the row numbers match its answer.
 */
export function readCsvFile(bytes: ArrayBuffer): CsvFile {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('The file is not UTF-8; save it as CSV UTF-8.');
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true, trim: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true });
  } catch (e) {
    throw new Error(`The file is not valid CSV: ${(e as Error).message}`);
  }
  const [columns, ...rest] = records;
  if (!columns) throw new Error('The file is empty: it needs a header row and at least one row of contacts.');
  return { columns, rows: rest.map((cells, i) => ({ row: i + 1, cells })) };
}

/** The mapping a column gets at first: a field when the header names one, else a property of that name. */
export function defaultMapping(columns: readonly string[]): ColumnMapping[] {
  return columns.map((header) => {
    const field = FIELD_TARGETS.find((f) => f === header.trim().toLowerCase());
    return { header, target: field ?? 'property', property: header.trim() };
  });
}

/** What is wrong with a mapping, in sentences (none: it can be imported). */
export function mappingProblems(mapping: readonly ColumnMapping[], key: 'email' | 'id'): string[] {
  const problems: string[] = [];
  const names = mapping.filter((m) => m.target !== 'skip').map((m) => (m.target === 'property' ? m.property.trim() : m.target));
  const seen = new Set<string>();
  for (const name of names) {
    if (name === '') problems.push('Every property needs a name.');
    else if (seen.has(name.toLowerCase())) problems.push(`Two columns become "${name}"; skip one or rename it.`);
    seen.add(name.toLowerCase());
  }
  if (!mapping.some((m) => m.target === key))
    problems.push(`One column must be the ${key === 'email' ? 'email address' : 'contact id'}: it finds each contact.`);
  return [...new Set(problems)];
}

const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;

/**
 * The file as the server should read it, rewritten by the mapping (renamed and skipped columns)
 * and cut into pieces of `size` rows, each with the header and the file's row numbers. Rows
 * whose cell count differs from the header's are not sent: they are answered here, as the
 * server would.
 */
export function mappedPieces(file: CsvFile, mapping: readonly ColumnMapping[], size: number) {
  const kept = mapping.flatMap((m, i) => (m.target === 'skip' ? [] : [{ i, name: m.target === 'property' ? m.property.trim() : m.target }]));
  const header = kept.map((k) => quote(k.name)).join(',');
  const failed: { row: number; error: string }[] = [];
  const rows: { row: number; line: string }[] = [];
  for (const { row, cells } of file.rows) {
    if (cells.length !== file.columns.length) {
      failed.push({ row, error: `The row has ${cells.length} cells but the header has ${file.columns.length}.` });
      continue;
    }
    const values = kept.map((k) => cells[k.i] ?? '');
    // A row with only skipped cells filled in is blank to the server, which leaves it out.
    if (values.every((v) => v === '')) continue;
    rows.push({ row, line: values.map(quote).join(',') });
  }
  const pieces = [];
  for (let at = 0; at < rows.length; at += size) {
    const slice = rows.slice(at, at + size);
    pieces.push({ csv: `${header}\n${slice.map((r) => r.line).join('\n')}\n`, rows: slice.map((r) => r.row) });
  }
  // The server names columns as sent; the marketer knows them by the file's header.
  const headerOf = new Map(kept.map((k) => [k.name, file.columns[k.i]!]));
  return { pieces, failed, rows: rows.length, headerOf };
}
