import type { Contact } from '@hourglass/documents';
import type { ContactRecord } from '@hourglass/engine';
import type { Consent, ContactEvent, Enrolment, Handoff, OutboxEmail } from '@hourglass/api';
import { consentStatus, type ConsentRecord } from './consentRepository.ts';
import type { ContactEventRow } from './contactRepository.ts';
import type { EnrolmentSummary } from './enrolmentRepository.ts';
import type { HandoffEntry } from './handoffRepository.ts';
import type { OutboxEntry } from './outboxRepository.ts';

// How stored records look in API answers: instants as ISO 8601 strings, internal fields left out.

export const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function contactView(c: ContactRecord): Contact {
  return { id: c.id, ...(c.email !== undefined ? { email: c.email } : {}), stage: c.stage, owner: c.owner, properties: c.properties };
}

export function enrolmentView(e: EnrolmentSummary): Enrolment {
  return {
    id: e.id,
    flowId: e.flowId,
    contactId: e.contactId,
    version: e.version,
    status: e.status,
    enteredAt: iso(e.enteredAt),
    endedAt: isoOrNull(e.endedAt),
    position: e.position,
  };
}

export function contactEventView(e: ContactEventRow): ContactEvent {
  return { id: e.id, at: iso(e.at), type: e.type, data: e.data };
}

export function handoffView({ record: h, status, note, feedbackAt }: HandoffEntry): Handoff {
  return {
    id: h.id,
    flowId: h.flowId,
    contactId: h.contactId,
    node: h.node,
    at: iso(h.at),
    owner: h.owner,
    score: h.score,
    stage: h.stage,
    properties: h.properties,
    recentEvents: h.recentEvents.map((e) => ({ at: iso(e.at), type: e.type, data: e.data })),
    emailsReceived: h.emailsReceived.map((m) => ({ at: iso(m.at), node: m.node, subject: m.subject })),
    status,
    note,
    feedbackAt: isoOrNull(feedbackAt),
  };
}

/** An outbox row; `sending` shows as `pending`, since the send has not been confirmed. */
export function outboxView(m: OutboxEntry): OutboxEmail {
  return {
    id: m.id,
    kind: m.kind,
    flowId: m.flowId,
    contactId: m.contactId,
    node: m.node,
    at: iso(m.at),
    to: m.to,
    ...(m.from !== null ? { from: m.from } : {}),
    subject: m.subject,
    body: m.body,
    status: m.status === 'sending' ? 'pending' : m.status,
    ...(m.suppressed !== null ? { suppressed: m.suppressed } : {}),
    ...(m.error !== null ? { error: m.error } : {}),
    ...(m.sentAt !== null ? { sentAt: iso(m.sentAt) } : {}),
    attempts: m.attempts,
    html: m.html,
    headers: m.headers ?? {},
  };
}

/** A consent as the API shows it (`consents` of a contact's detail and export). */
export function consentView(c: ConsentRecord, now: number): Consent {
  return {
    id: c.id,
    at: iso(c.at),
    form: c.formId,
    text: c.text,
    ip: c.ip,
    userAgent: c.userAgent,
    doubleOptIn: c.doubleOptIn,
    status: consentStatus(c, now),
    ...(c.confirmedAt !== null ? { confirmedAt: iso(c.confirmedAt) } : {}),
  };
}
