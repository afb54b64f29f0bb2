import { CONTACT_EXPORT_FORMAT, type ContactExport } from '@hourglass/api';
import { consentView, contactEventView, contactView, enrolmentView, handoffView, iso, outboxView } from './apiViews.ts';
import { ConsentRepository } from './consentRepository.ts';
import type { Runtime } from './runtime.ts';

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
    consents: new ConsentRepository(runtime.db).ofContact(contactId).map((c) => consentView(c, runtime.clock.now())),
  };
}
