// The rows of the SQLite store's tables and their conversion to the engine's records.
import type { ContactRecord, EmailRecord, EnrolmentRecord, StepRecord, TimerRecord } from '@hourglass/engine';
import type { Stage, SuppressionReason } from '@hourglass/documents';

export interface ContactRow {
  id: string;
  email: string | null;
  stage: string;
  owner: string | null;
  properties: string;
  adjustments: number;
}
export interface EnrolmentRow {
  id: string;
  flow_id: string;
  version: number;
  contact_id: string;
  status: string;
  entered_at: number;
  ended_at: number | null;
  position: string | null;
  snapshot: string;
  timers: string;
}
/** A timer as the enrolment row keeps it: `seq` orders timers due at the same instant. */
export interface StoredTimer {
  id: string;
  event: string;
  wakeAt: number;
  seq: number;
}
/** An enrolment's timers as the engine saw them last, as stored, and as JSON. */
export interface KnownTimers {
  timers: readonly TimerRecord[];
  stored: StoredTimer[];
  json: string;
}
export interface StepRow {
  enrolment_id: string;
  at: number;
  node: string;
  type: string;
  port: string | null;
  migrated_from: string | null;
}
export interface EmailRow {
  id: string;
  kind: string;
  enrolment_id: string;
  flow_id: string;
  contact_id: string;
  node: string;
  at: number;
  to_address: string | null;
  from_address: string | null;
  subject: string;
  body: string;
  suppressed: string | null;
  error: string | null;
}
export interface HandoffRow {
  record: string;
}

export const toContact = (r: ContactRow): ContactRecord => ({
  id: r.id,
  ...(r.email !== null ? { email: r.email } : {}),
  stage: r.stage as Stage,
  owner: r.owner,
  properties: JSON.parse(r.properties),
  adjustments: r.adjustments,
});
export const toTimer = (enrolmentId: string, t: StoredTimer): TimerRecord => ({ id: t.id, enrolmentId, event: t.event, wakeAt: t.wakeAt });
export type Wake = Pick<StoredTimer, 'wakeAt' | 'seq'>;
/** Earliest first; ties in the order they were set. */
export const byWake = (a: Wake, b: Wake) => a.wakeAt - b.wakeAt || a.seq - b.seq;
/** The row's wake-up columns: its earliest timer's instant and seq, or nulls without timers. */
export const wakeOf = (timers: readonly StoredTimer[]): [number | null, number | null] => {
  const earliest = timers.reduce<StoredTimer | undefined>((a, t) => (!a || byWake(t, a) < 0 ? t : a), undefined);
  return [earliest?.wakeAt ?? null, earliest?.seq ?? null];
};
export const toStep = (r: StepRow): StepRecord => ({
  enrolmentId: r.enrolment_id,
  at: r.at,
  node: r.node,
  type: r.type,
  ...(r.port !== null ? { port: r.port } : {}),
  ...(r.migrated_from != null ? { migratedFrom: JSON.parse(r.migrated_from) as NonNullable<StepRecord['migratedFrom']> } : {}),
});
export const toEmail = (r: EmailRow): EmailRecord => ({
  id: r.id,
  kind: r.kind as EmailRecord['kind'],
  enrolmentId: r.enrolment_id,
  flowId: r.flow_id,
  contactId: r.contact_id,
  node: r.node,
  at: r.at,
  to: r.to_address,
  ...(r.from_address !== null ? { from: r.from_address } : {}),
  subject: r.subject,
  body: r.body,
  ...(r.suppressed !== null ? { suppressed: r.suppressed as SuppressionReason } : {}),
  // The error of a template that could not be rendered; a delivery's error is the outbox's own.
  ...(r.suppressed === 'render-failed' && r.error !== null ? { error: r.error } : {}),
});

/** The indexed columns of an enrolment's row, as read or last written. */
export type RowState = Pick<EnrolmentRecord, 'version' | 'status' | 'endedAt' | 'position'>;
