import { forwardStage, type Scalar } from '@hourglass/documents';
import type { ContactChanges, ContactRecord } from '@hourglass/engine';
import type { ImportKey, ImportOutcome, ImportRow } from './contactImportRows.ts';
import type { ContactImportEntry } from './inboxEntry.ts';
import type { ContactWrite } from './runtime.ts';
import type { Repositories } from './repositories.ts';
import type { ImportLookup } from './storeApi.ts';
import { timeOrderedId } from './timeOrderedId.ts';

export type { ImportLookup };

/** What one valid row does to the contacts as they are, and which contact it concerns (none when it fails). */
export interface RowPlan {
  write?: ContactWrite;
  answer: ImportOutcome;
  contactId?: string;
}

/** A new contact from the changes of an update or an import row (as a contact update creates one). */
export function newContact(id: string, changes: ContactChanges): ContactRecord {
  return {
    id,
    ...(changes.email ? { email: changes.email } : {}),
    stage: changes.stage ?? 'subscriber',
    owner: changes.owner ?? null,
    properties: { ...changes.properties },
    adjustments: 0,
  };
}

/** What one valid row does to the contacts as they are: create one, change one, nothing, or fail. */
export function planRow(row: ImportRow, key: ImportKey, lookup: ImportLookup): RowPlan {
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
    const create = newContact(row.id ?? timeOrderedId(), row.changes);
    return { write: { create }, answer: 'created', contactId: create.id };
  }
  if (sameAfter(existing, row.changes)) return { answer: 'unchanged', contactId: existing.id };
  return { write: { update: existing.id, changes: row.changes }, answer: 'updated', contactId: existing.id };
}

/**
 * Applies one queued import row (PostgreSQL's `contactImport` command) to its contact as it is
 * when its turn comes, as `planRow` would plan it: created, changed, or left as it is.
 */
export function applyImportEntry(
  entry: ContactImportEntry,
  store: {
    getContact(id: string): ContactRecord | undefined;
    putContact(contact: ContactRecord): void;
    updateContact(id: string, changes: ContactChanges): void;
  },
): ImportOutcome {
  const changes = entry.changes as ContactChanges;
  const contact = store.getContact(entry.contactId);
  if (!contact) {
    store.putContact(newContact(entry.contactId, changes));
    return 'created';
  }
  // Changed by an input applied between the plan and now: the row no longer says which contact it is.
  if (entry.email !== undefined && contact.email?.toLowerCase() !== entry.email.toLowerCase()) {
    return { row: entry.row, column: 'email', error: `The contact "${contact.id}" changed its email while the import waited; import the row again.` };
  }
  if (sameAfter(contact, changes)) return 'unchanged';
  store.updateContact(contact.id, changes);
  return 'updated';
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

/** A view of the contacts under the contacts that rows planned so far would create or change. */
export function overlay(store: ImportLookup): ImportLookup & { apply(write: ContactWrite): void } {
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

/** Plans `rows` in order over `planned`, each row seeing the rows before it. */
export function planRows(rows: readonly ImportRow[], key: ImportKey, planned: ReturnType<typeof overlay>): RowPlan[] {
  return rows.map((row) => {
    const plan = planRow(row, key, planned);
    if (plan.write) planned.apply(plan.write);
    return plan;
  });
}

/** The ids and emails an import's rows look up by `planRow` (what a store reads for a slice): emails only when they are the key. */
export function lookupKeys(rows: readonly ImportRow[], key: ImportKey): { ids: string[]; emails: string[] } {
  return {
    ids: [...new Set(rows.flatMap((r) => (r.id !== undefined ? [r.id] : [])))],
    emails: key === 'email' ? [...new Set(rows.flatMap((r) => (r.email !== undefined ? [r.email] : [])))] : [],
  };
}

/** SQLite's lookup: the contacts as they are now, read at once. */
export function sqliteLookup(repos: Repositories): ImportLookup {
  return { byId: (id) => repos.store.getContact(id), byEmail: (email) => repos.contacts.withEmail(email, 2).map((id) => repos.store.getContact(id)!) };
}
