import { z } from 'zod';
import { ContactChangesBody, EventInput } from '@hourglass/api';

// What waits in the inbox: every input that changes a contact goes through one line, processed
// in arrival order (Runtime.processInbox), so a contact update, an enrolment or a verdict never
// overtakes an event accepted before it. Every kind carries the contact it concerns at
// `$.contactId` of the stored JSON, where erasure finds it (ContactRepository.erase).

const ContactId = z.string().min(1).max(200);

/** A client's event, stored as the client sent it (the inbox's `event` column holds it as is). */
export const EventEntry = z.object({ kind: z.literal('event'), event: EventInput });
/** A contact created or changed (PUT /api/contacts/:id). */
export const ContactUpdateEntry = z.object({ kind: z.literal('contactUpdate'), contactId: ContactId, changes: ContactChangesBody });
/**
 * One row of a contact import (POST /api/contacts/import) on PostgreSQL, queued for the contact it
 * was planned for: created if it is not there, else changed. `email`: the row found the contact
 * by this email, which it must still have. `row`: the file's row, for the answer.
 */
export const ContactImportEntry = z.object({
  kind: z.literal('contactImport'),
  contactId: ContactId,
  changes: ContactChangesBody,
  email: z.string().optional(),
  row: z.number().int(),
});
export type ContactImportEntry = z.infer<typeof ContactImportEntry>;
/** A contact enrolled by hand (POST /api/flows/:id/enrolments). */
export const EnrolEntry = z.object({ kind: z.literal('enrol'), contactId: ContactId, flowId: z.string().min(1) });
/** The verdict of sales on a handoff of the contact (POST /api/handoffs/:id/feedback). */
export const FeedbackEntry = z.object({
  kind: z.literal('feedback'),
  contactId: ContactId,
  handoffId: z.string().min(1),
  verdict: z.enum(['accepted', 'rejected']),
  note: z.string().optional(),
});

/** One contact moved by hand onto a step (of another version, or its own), or out of the flow (POST …/enrolments/:id/move). */
export const MoveEntry = z.object({
  kind: z.literal('move'),
  contactId: ContactId,
  flowId: z.string().min(1),
  enrolmentId: z.string().min(1),
  version: z.number().int().positive().optional(),
  node: z.string().min(1).nullable(),
});
export type MoveEntry = z.infer<typeof MoveEntry>;

export const InboxEntry = z.discriminatedUnion('kind', [EventEntry, ContactUpdateEntry, ContactImportEntry, EnrolEntry, FeedbackEntry, MoveEntry]);
export type InboxEntry = z.infer<typeof InboxEntry>;
/** An entry other than an event: one per request, answered with its outcome once processed. */
export type InboxCommand = Exclude<InboxEntry, { kind: 'event' }>;
export type InboxKind = InboxEntry['kind'];

/**
 * Reads a stored entry. An event's JSON is the client's event (so accepting a batch is one
 * INSERT … SELECT over it); the other kinds store the whole entry. Null is a blank row: the entry
 * of a contact erased while it waited.
 */
export function readInboxEntry(kind: string, json: string): InboxEntry | null {
  const value: unknown = JSON.parse(json);
  if (value === null) return null;
  // Events were checked on arrival; parsing them again would cost the hot path for nothing.
  if (kind === 'event') return { kind: 'event', event: value as EventInput };
  return InboxEntry.parse(value);
}
