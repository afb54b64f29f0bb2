import { parse, type CsvError } from 'csv-parse';
import { ApiError } from './apiError.ts';

/** More columns than this is not a contact list (a file of a million columns is refused at once). */
export const MAX_CSV_COLUMNS = 1000;
/** The largest record, in characters: a quote that never closes is caught long before 50 MiB of it. */
const MAX_RECORD_CHARS = 1024 * 1024;
/** How much text the parser takes between turns of the event loop. */
const PARSE_CHUNK = 256 * 1024;

/**
 * One data row of a CSV file: its number (1 = the first data row), its cells, and how many it
 * had (a row with more or fewer cells than the header keeps none: it is reported, not read).
 */
export interface CsvRow {
  row: number;
  cells: string[];
  width: number;
}
/** A CSV file read: the header's names, then every data row (a row of only empty cells is left out). */
export interface CsvTable {
  columns: string[];
  rows: CsvRow[];
}

const unprocessable = (message: string) => new ApiError(422, message);

/**
 * Reads a CSV file (UTF-8, RFC 4180, a header row, `,` or `;` as separator, picked from the
 * header line) with csv-parse, yielding to the event loop between chunks so a large file does
 * not hold up other requests. A file that cannot be read as a table is refused whole with 422
 * naming the reason and line: not UTF-8, no header, a header with too many, empty or repeated
 * names, a quote that never closes.
 */
export async function readCsv(bytes: Uint8Array): Promise<CsvTable> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unprocessable('The file is not UTF-8; save it as CSV UTF-8.');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw unprocessable('The file is empty: it needs a header row and at least one row of contacts.');
  const { delimiter, width } = headerLine(text);
  // Counted before parsing: a header of a million columns is refused without building it.
  if (width > MAX_CSV_COLUMNS) throw tooWide(width);

  let columns: string[] | undefined;
  const rows: CsvRow[] = [];
  let lastLine = 0;
  let failure: Error | undefined;
  const parser = parse({
    delimiter,
    bom: false,
    trim: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  parser.on('data', (record: string[]) => {
    if (failure) return;
    if (!columns) {
      columns = record;
      failure = headerProblem(columns);
    } else {
      rows.push({ row: rows.length + 1, cells: record.length === columns.length ? record : [], width: record.length });
    }
    lastLine = parser.info.lines;
  });
  parser.on('error', (e) => {
    failure ??= e;
  });
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', () => resolve());
  });
  for (let at = 0; at < text.length && !failure; at += PARSE_CHUNK) {
    parser.write(text.slice(at, at + PARSE_CHUNK));
    await new Promise((resolve) => setImmediate(resolve));
  }
  parser.end();
  await ended;
  if (failure) throw failure instanceof ApiError ? failure : csvProblem(failure as CsvError, lastLine + 1);
  if (!columns) throw unprocessable('The file is empty: it needs a header row and at least one row of contacts.');
  return { columns, rows };
}

/**
 * The header line's separator (`;` when it has more semicolons than commas outside quotes,
 * else `,`) and how many columns it names.
 */
function headerLine(text: string): { delimiter: ',' | ';'; width: number } {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? { delimiter: ';', width: semicolons + 1 } : { delimiter: ',', width: commas + 1 };
}

const tooWide = (width: number) =>
  unprocessable(`The header row has ${width.toLocaleString('en')} columns; at most ${MAX_CSV_COLUMNS.toLocaleString('en')} are allowed.`);

function headerProblem(columns: string[]): ApiError | undefined {
  if (columns.length > MAX_CSV_COLUMNS) return tooWide(columns.length);
  const empty = columns.findIndex((name) => name === '');
  if (empty >= 0) return unprocessable(`Column ${empty + 1} of the header row has no name; name it or delete the column.`);
  const seen = new Set<string>();
  for (const name of columns) {
    const key = name.toLowerCase();
    if (seen.has(key)) return unprocessable(`The header row names the column "${name}" twice; every column needs its own name.`);
    seen.add(key);
  }
  return undefined;
}

/** The parser's error as a sentence for the person who saved the file. */
function csvProblem(e: CsvError, recordLine: number): ApiError | Error {
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return unprocessable(`A quote opened in the record starting on line ${recordLine} is never closed.`);
    case 'CSV_MAX_RECORD_SIZE':
      return unprocessable(
        `The record starting on line ${recordLine} is longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters; is a quote never closed?`,
      );
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return unprocessable(`Line ${e.lines} has a quote inside a cell that is not quoted as a whole; write the cell in quotes and double the quote ("").`);
    default:
      return e.code ? unprocessable(`The file is not valid CSV (line ${e.lines}): ${e.message}`) : e;
  }
}
