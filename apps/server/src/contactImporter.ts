import type { ContactImportSummary } from '@hourglass/api';
import { readCsv } from './contactCsv.ts';
import { lookupKeys, overlay, planRows } from './contactImportPlan.ts';
import { importColumns, readImportRow, type ImportFailure, type ImportKey, type ImportOutcome, type ImportRow } from './contactImportRows.ts';
import type { ApiRuntime, ImportLookup } from './storeApi.ts';

/** The answer to an import (spec §4). */
export type ImportSummary = ContactImportSummary;

/** Rows per transaction: large enough to share a disk sync, small enough to answer requests between. */
export const IMPORT_SLICE = 2000;

/**
 * Imports a CSV file of contacts (spec §4): every row is read and checked first, so a file that
 * cannot be read stores nothing; then the valid rows are applied in slices of `IMPORT_SLICE`
 * (`ApiRuntime.importSlice`: on SQLite one transaction each, on PostgreSQL one inbox command per
 * row, applied by the workers), yielding to the event loop between slices so other requests are
 * answered during a large import. Each slice takes its place in the inbox's line, so events
 * accepted before it for the same contacts go first. A dry run plans every row the same way
 * (`ApiRuntime.viewContacts`) and writes nothing.
 */
export async function importContacts(runtime: ApiRuntime, bytes: Uint8Array, options: { key: ImportKey; dryRun: boolean }): Promise<ImportSummary> {
  const table = await readCsv(bytes);
  const columns = importColumns(table.columns, options.key);
  const failed: ImportFailure[] = [];
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, failed };
  const count = (outcome: ImportOutcome | Error, row: ImportRow) => {
    if (outcome instanceof Error) failed.push({ row: row.row, error: `The row could not be applied: ${outcome.message}` });
    else if (typeof outcome === 'string') summary[outcome]++;
    else failed.push(outcome);
  };
  // A dry run's view spans the slices: the store's contacts (read a slice at a time) under every row planned so far.
  let stored: ImportLookup | undefined;
  const planned = overlay({ byId: (id) => stored!.byId(id), byEmail: (email) => stored!.byEmail(email) });
  // The file as a whole was read above (a file that cannot be read stores nothing); its rows are
  // checked and applied a slice at a time, so the server answers other requests in between.
  for (let at = 0; at < table.rows.length; at += IMPORT_SLICE) {
    if (at > 0) await new Promise((resolve) => setImmediate(resolve));
    const rows: ImportRow[] = [];
    for (const csvRow of table.rows.slice(at, at + IMPORT_SLICE)) {
      const read = readImportRow(csvRow, columns, options.key);
      if (Array.isArray(read)) failed.push(...read);
      else rows.push(read);
    }
    const outcomes = options.dryRun
      ? await runtime.viewContacts(lookupKeys(rows, options.key), (lookup) => {
          stored = lookup;
          return planRows(rows, options.key, planned).map((plan) => plan.answer);
        })
      : await runtime.importSlice(rows, options.key);
    outcomes.forEach((outcome, i) => count(outcome, rows[i]!));
  }
  failed.sort((a, b) => a.row - b.row);
  return summary;
}
