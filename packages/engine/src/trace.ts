import { TRACE_FORMAT, type Flow, type Trace, type ScoringModel } from '@hourglass/documents';
import { countInStore } from './eventQuery.ts';
import { computeScore } from './scoring.ts';
import type { Store } from './store.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * What happened to one contact in one flow, as a `hourglass.trace/1` document (spec §6), with the
 * contact and its score as of `at`.
 */
export function buildTrace(store: Store, flow: Pick<Flow, 'id'>, contactId: string, at: number, scoring: ScoringModel | undefined): Trace {
  const enrolments = store.enrolmentsOf(flow.id, contactId);
  const contact = store.getContact(contactId);
  const score = contact ? computeScore(scoring, contact, (q, limit) => countInStore(store, contactId, q, limit), at).score : 0;
  const last = enrolments[enrolments.length - 1];
  return {
    format: TRACE_FORMAT,
    flow: flow.id,
    contactId,
    status: last ? last.status : 'not-enrolled',
    enrolments: enrolments.map((e) => ({
      status: e.status,
      enteredAt: iso(e.enteredAt),
      endedAt: e.endedAt === null ? null : iso(e.endedAt),
      position: e.position,
      steps: store.stepsOf(e.id).map((s) => ({
        at: iso(s.at),
        node: s.node,
        type: s.type,
        ...(s.port !== undefined ? { port: s.port } : {}),
        ...(s.migratedFrom ? { migratedFrom: { version: s.migratedFrom.version, node: s.migratedFrom.node } } : {}),
      })),
    })),
    emails: store
      .emailsOf(contactId)
      .filter((m) => m.kind === 'marketing' && m.flowId === flow.id)
      .map((m) => ({
        at: iso(m.at),
        node: m.node,
        to: m.to,
        subject: m.subject,
        ...(m.suppressed ? { suppressed: m.suppressed } : {}),
        ...(m.error ? { error: m.error } : {}),
      })),
    handoffs: store
      .handoffsOf(contactId)
      .filter((h) => h.flowId === flow.id)
      .map((h) => ({ at: iso(h.at), node: h.node, owner: h.owner })),
    contact: {
      score,
      stage: contact?.stage ?? 'subscriber',
      owner: contact?.owner ?? null,
      properties: contact ? { ...contact.properties } : {},
    },
  };
}
