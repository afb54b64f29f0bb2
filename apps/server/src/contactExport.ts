import { CONTACT_EXPORT_FORMAT, type ContactExport } from '@hourglass/api';
import type { ScoreSplit, StepRecord, StoredContact } from '@hourglass/engine';
import { consentView, contactEventView, contactView, enrolmentView, handoffView, iso, outboxView } from './apiViews.ts';
import type { Clock } from './clock.ts';
import type { ConsentRecord } from './consentRepository.ts';
import type { ContactEventRow } from './contactRepository.ts';
import type { EnrolmentSummary } from './enrolmentRepository.ts';
import type { HandoffEntry } from './handoffRepository.ts';
import type { OutboxEntry } from './outboxRepository.ts';
import type { Repositories } from './repositories.ts';
import type { Workspace } from './workspace.ts';

/** Everything stored about a contact, as a store reads it (lists oldest first): what its export is made of. */
export interface ContactExportData {
  contact: StoredContact;
  score: ScoreSplit;
  events: ContactEventRow[];
  queued: { at: number; event: Record<string, unknown> }[];
  enrolments: { enrolment: EnrolmentSummary; steps: StepRecord[]; timers: readonly { id: string; event: string; wakeAt: number }[] }[];
  emails: OutboxEntry[];
  handoffs: HandoffEntry[];
  consents: ConsentRecord[];
}

/** The export document of what a store read about a contact (the same for every store). */
export function exportDocument(data: ContactExportData, now: number): ContactExport {
  return {
    format: CONTACT_EXPORT_FORMAT,
    exportedAt: iso(now),
    contact: contactView(data.contact),
    score: data.score,
    events: data.events.map(contactEventView),
    queuedEvents: data.queued.map((q) => ({ acceptedAt: iso(q.at), event: q.event })),
    enrolments: data.enrolments.map(({ enrolment, steps, timers }) => ({
      ...enrolmentView(enrolment),
      steps: steps.map((s) => ({
        at: iso(s.at),
        node: s.node,
        type: s.type,
        ...(s.port !== undefined ? { port: s.port } : {}),
        ...(s.migratedFrom ? { migratedFrom: { ...s.migratedFrom } } : {}),
      })),
      timers: timers.map((t) => ({ id: t.id, event: t.event, wakeAt: iso(t.wakeAt) })),
    })),
    emails: data.emails.map(outboxView),
    handoffs: data.handoffs.map(handoffView),
    consents: data.consents.map((c) => consentView(c, now)),
  };
}

/** The export of a contact from SQLite, or undefined when there is no such contact. */
export function contactExport(
  { workspace, repos, clock }: { workspace: Workspace; repos: Repositories; clock: Clock },
  contactId: string,
): ContactExport | undefined {
  const contact = repos.store.getContact(contactId);
  if (!contact) return undefined;
  const data: ContactExportData = {
    contact,
    score: workspace.scoreOf(contactId)!,
    events: repos.contacts.everyEvent(contactId),
    queued: repos.contacts.queued(contactId),
    enrolments: repos.enrolments.ofContact(contactId).map((enrolment) => ({
      enrolment,
      steps: repos.store.stepsOf(enrolment.id),
      timers: repos.store.getEnrolment(enrolment.id)?.timers ?? [],
    })),
    // A limit of -1 is SQLite's "no limit".
    emails: repos.outbox.list({ contact: contactId, limit: -1 }).reverse(),
    handoffs: repos.handoffs.list({ contact: contactId, limit: -1 }).reverse(),
    consents: repos.consents.ofContact(contactId),
  };
  return exportDocument(data, clock.now());
}
