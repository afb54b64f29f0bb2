import { forwardStage, type Scalar } from '@hourglass/documents';
import type { ContactChanges, ContactRecord } from '@hourglass/engine';
import type { ContactImportSummary } from '@hourglass/api';
import { readCsv } from './contactCsv.ts';
import { importColumns, readImportRow, type ImportFailure, type ImportKey, type ImportRow } from './contactImportRows.ts';
import type { Repositories } from './repositories.ts';
import type { ContactWrite, Runtime } from './runtime.ts';
import { timeOrderedId } from './timeOrderedId.ts';

/** The answer to an import (spec §4). */
export type ImportSummary = ContactImportSummary;

/** Rows per transaction: large enough to share a disk sync, small enough to answer requests between. */
export const IMPORT_SLICE = 2000;

/** Where an import looks contacts up: the store, or for a dry run the store under the rows planned so far. */
interface ContactLookup {
  byId(id: string): ContactRecord | undefined;
  /** Up to two contacts with this email (two means it is ambiguous). */
  byEmail(email: string): ContactRecord[];
}

type Outcome = 'created' | 'updated' | 'unchanged' | ImportFailure;

/**
 * Imports a CSV file of contacts (spec §4): every row is read and checked first, so a file that
 * cannot be read stores nothing; then the valid rows are applied in slices of `IMPORT_SLICE`,
 * one transaction each, yielding to the event loop between slices so other requests are
 * answered during a large import. Each slice takes its place in the inbox's line (`Runtime.inLine`),
 * so events accepted before it for the same contacts go first. A dry run plans every row the same way and writes nothing.
 */
export async function importContacts(
  { runtime, repos }: { runtime: Runtime; repos: Repositories },
  bytes: Uint8Array,
  options: { key: ImportKey; dryRun: boolean },
): Promise<ImportSummary> {
  const table = await readCsv(bytes);
  const columns = importColumns(table.columns, options.key);
  const failed: ImportFailure[] = [];
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, failed };
  const count = (outcome: Outcome | Error, row: ImportRow) => {
    if (outcome instanceof Error) failed.push({ row: row.row, error: `The row could not be applied: ${outcome.message}` });
    else if (typeof outcome === 'string') summary[outcome]++;
    else failed.push(outcome);
  };
  const store: ContactLookup = {
    byId: (id) => repos.store.getContact(id),
    byEmail: (email) => repos.contacts.withEmail(email, 2).map((id) => repos.store.getContact(id)!),
  };
  const lookup = options.dryRun ? overlay(store) : undefined;
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
    if (lookup) {
      // A read transaction: one snapshot and one lock for the slice's lookups, nothing written.
      repos.db.transaction(() => {
        for (const row of rows) {
          const { write, answer } = planRow(row, options.key, lookup);
          if (write) lookup.apply(write);
          count(answer, row);
        }
      })();
    } else {
      // At its place in line: inputs accepted before the slice go first, none after overtakes it.
      (await runtime.inLine(() => runtime.writeContacts(rows, (row) => planRow(row, options.key, store)))).forEach((outcome, i) => count(outcome, rows[i]!));
    }
  }
  failed.sort((a, b) => a.row - b.row);
  return summary;
}

/** What one valid row does to the contacts as they are: create one, change one, nothing, or fail. */
function planRow(row: ImportRow, key: ImportKey, lookup: ContactLookup): { write?: ContactWrite; answer: Outcome } {
  let existing: ContactRecord | undefined;
  if (key === 'id') existing = lookup.byId(row.id!);
  else {
    const matches = lookup.byEmail(row.email!);
    if (matches.length > 1) {
      return { answer: { row: row.row, column: 'email', error: 'More than one contact has this email; import with key=id to say which.' } };
    }
    existing = matches[0];
    if (existing && row.id !== undefined && row.id !== existing.id) {
      return { answer: { row: row.row, column: 'id', error: `This email belongs to the contact "${existing.id}", not "${row.id}".` } };
    }
    if (!existing && row.id !== undefined && lookup.byId(row.id)) {
      return { answer: { row: row.row, column: 'id', error: `The contact "${row.id}" has another email; import with key=id to change it.` } };
    }
  }
  if (!existing) {
    const { changes } = row;
    const create: ContactRecord = {
      id: row.id ?? timeOrderedId(),
      ...(changes.email ? { email: changes.email } : {}),
      stage: changes.stage ?? 'subscriber',
      owner: changes.owner ?? null,
      properties: { ...changes.properties },
      adjustments: 0,
    };
    return { write: { create }, answer: 'created' };
  }
  if (sameAfter(existing, row.changes)) return { answer: 'unchanged' };
  return { write: { update: existing.id, changes: row.changes }, answer: 'updated' };
}

/** Whether the changes leave the contact as it is (the engine's rules: the stage only moves forward). */
function sameAfter(contact: ContactRecord, changes: ContactChanges): boolean {
  if (changes.email != null && changes.email !== contact.email) return false;
  if (changes.owner !== undefined && changes.owner !== contact.owner) return false;
  if (changes.stage && forwardStage(contact.stage, changes.stage) !== contact.stage) return false;
  return Object.entries(changes.properties ?? {}).every(([name, value]) => Object.hasOwn(contact.properties, name) && contact.properties[name] === value);
}

/** The contact after the changes, as the engine would leave it (before any flow reacts). */
function changed(contact: ContactRecord, changes: ContactChanges): ContactRecord {
  const next: ContactRecord = { ...contact, properties: { ...contact.properties, ...(changes.properties as Record<string, Scalar>) } };
  if (changes.email != null) next.email = changes.email;
  if (changes.owner !== undefined) next.owner = changes.owner;
  if (changes.stage) next.stage = forwardStage(contact.stage, changes.stage);
  return next;
}

/** A dry run's view: the store, under the contacts the rows planned so far would create or change. */
function overlay(store: ContactLookup): ContactLookup & { apply(write: ContactWrite): void } {
  const planned = new Map<string, ContactRecord>();
  const byEmail = new Map<string, Set<string>>();
  const emailKey = (email: string | undefined) => email?.toLowerCase();
  const byId = (id: string) => planned.get(id) ?? store.byId(id);
  return {
    byId,
    byEmail(email) {
      const ids = new Set(byEmail.get(emailKey(email)!) ?? []);
      // A stored contact counts unless a planned row changed its email.
      for (const { id } of store.byEmail(email)) {
        const contact = planned.get(id);
        if (!contact || emailKey(contact.email) === emailKey(email)) ids.add(id);
      }
      return [...ids].slice(0, 2).map((id) => byId(id)!);
    },
    apply(write) {
      const before = 'create' in write ? undefined : byId(write.update);
      const after = 'create' in write ? write.create : changed(before!, write.changes);
      if (before?.email) byEmail.get(emailKey(before.email)!)?.delete(before.id);
      if (after.email) {
        const ids = byEmail.get(emailKey(after.email)!) ?? new Set();
        byEmail.set(emailKey(after.email)!, ids.add(after.id));
      }
      planned.set(after.id, after);
    },
  };
}
