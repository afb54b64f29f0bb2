import { CONTACT_EXPORT_FORMAT, type ContactExport } from '@hourglass/api';
import { consentView, contactEventView, contactView, enrolmentView, handoffView, iso, outboxView } from './apiViews.ts';
import type { Clock } from './clock.ts';
import type { Repositories } from './repositories.ts';
import type { Workspace } from './workspace.ts';

/** The export of a contact, or undefined when there is no such contact. */
export function contactExport(
  { workspace, repos, clock }: { workspace: Workspace; repos: Repositories; clock: Clock },
  contactId: string,
): ContactExport | undefined {
  const contact = repos.store.getContact(contactId);
  if (!contact) return undefined;
  return {
    format: CONTACT_EXPORT_FORMAT,
    exportedAt: iso(clock.now()),
    contact: contactView(contact),
    score: workspace.scoreOf(contactId)!,
    events: repos.contacts.everyEvent(contactId).map(contactEventView),
    queuedEvents: repos.contacts.queued(contactId).map((q) => ({ acceptedAt: iso(q.at), event: q.event })),
    enrolments: repos.enrolments.ofContact(contactId).map((e) => ({
      ...enrolmentView(e),
      steps: repos.store.stepsOf(e.id).map((s) => ({
        at: iso(s.at),
        node: s.node,
        type: s.type,
        ...(s.port !== undefined ? { port: s.port } : {}),
        ...(s.migratedFrom ? { migratedFrom: { ...s.migratedFrom } } : {}),
      })),
      timers: (repos.store.getEnrolment(e.id)?.timers ?? []).map((t) => ({ id: t.id, event: t.event, wakeAt: iso(t.wakeAt) })),
    })),
    // A limit of -1 is SQLite's "no limit".
    emails: repos.outbox.list({ contact: contactId, limit: -1 }).reverse().map(outboxView),
    handoffs: repos.handoffs.list({ contact: contactId, limit: -1 }).reverse().map(handoffView),
    consents: repos.consents.ofContact(contactId).map((c) => consentView(c, clock.now())),
  };
}
