import { z } from 'zod';
import { Contact } from '@hourglass/documents';
import { ContactEvent, Enrolment, Handoff, OutboxEmail, ScoreSplit } from './apiSchemas.ts';
import { contactEventView, contactView, enrolmentView, handoffView, iso, outboxView } from './apiViews.ts';
import type { Runtime } from './runtime.ts';

export const CONTACT_EXPORT_FORMAT = 'hourglass.contact-export/1';

const Step = z.object({ at: z.string(), node: z.string(), type: z.string(), port: z.string().optional() });
const Timer = z.object({ id: z.string(), event: z.string(), wakeAt: z.string() });

/**
 * Everything stored about one contact, as `GET /api/contacts/:id/export` answers it (the right
 * of access and to data portability). Lists are oldest first.
 */
export const ContactExport = z.object({
  format: z.literal(CONTACT_EXPORT_FORMAT),
  exportedAt: z.string(),
  contact: Contact,
  score: ScoreSplit,
  events: z.array(ContactEvent),
  /** Events accepted but not processed yet, as the client sent them, with the instant they arrived. */
  queuedEvents: z.array(z.object({ acceptedAt: z.string(), event: z.record(z.string(), z.unknown()) })),
  enrolments: z.array(Enrolment.extend({ steps: z.array(Step), timers: z.array(Timer) })),
  emails: z.array(OutboxEmail),
  handoffs: z.array(Handoff),
  /** Consent records; none are stored yet (they come with campaigns). */
  consents: z.array(z.unknown()),
});
export type ContactExport = z.infer<typeof ContactExport>;

/** The export of a contact, or undefined when there is no such contact. */
export function contactExport(runtime: Runtime, contactId: string): ContactExport | undefined {
  const contact = runtime.store.getContact(contactId);
  if (!contact) return undefined;
  return {
    format: CONTACT_EXPORT_FORMAT,
    exportedAt: iso(runtime.clock.now()),
    contact: contactView(contact),
    score: runtime.scoreOf(contactId)!,
    events: runtime.contacts.everyEvent(contactId).map(contactEventView),
    queuedEvents: runtime.contacts.queued(contactId).map((q) => ({ acceptedAt: iso(q.at), event: q.event })),
    enrolments: runtime.enrolments.ofContact(contactId).map((e) => ({
      ...enrolmentView(e),
      steps: runtime.store.stepsOf(e.id).map((s) => ({ at: iso(s.at), node: s.node, type: s.type, ...(s.port !== undefined ? { port: s.port } : {}) })),
      timers: (runtime.store.getEnrolment(e.id)?.timers ?? []).map((t) => ({ id: t.id, event: t.event, wakeAt: iso(t.wakeAt) })),
    })),
    // A limit of -1 is SQLite's "no limit".
    emails: runtime.outbox.list({ contact: contactId, limit: -1 }).reverse().map(outboxView),
    handoffs: runtime.handoffs.list({ contact: contactId, limit: -1 }).reverse().map(handoffView),
    consents: [],
  };
}
