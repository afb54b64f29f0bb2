import type { Scalar, Stage, SuppressionReason, EnrolmentStatus } from '@hourglass/documents';

/** A contact as the engine keeps it. The score is computed, never stored (spec §3). */
export interface ContactRecord {
  id: string;
  email?: string;
  stage: Stage;
  owner: string | null;
  properties: Record<string, Scalar>;
  /** Every `update.addScore` so far plus the starting score: adjustments never expire. */
  adjustments: number;
}

/** An input event as recorded for a contact; `seq` grows with every event recorded. */
export interface EventRecord {
  seq: number;
  contactId: string;
  at: number;
  type: string;
  data: Record<string, Scalar>;
}

/** A pending timer: an XState delayed event and the instant it is due. */
export interface TimerRecord {
  /** XState's id of the delayed event (`xstate.after.<delay>.<state>`): a cancel names it. */
  id: string;
  enrolmentId: string;
  /** The event type to send when it is due. */
  event: string;
  wakeAt: number;
}

/** One contact's passage through one version of one flow. */
export interface EnrolmentRecord {
  id: string;
  flowId: string;
  version: number;
  contactId: string;
  status: EnrolmentStatus;
  enteredAt: number;
  endedAt: number | null;
  /** The node the contact is on, or null once the enrolment has ended. */
  position: string | null;
  /** The XState persisted snapshot of the compiled machine. */
  snapshot: PersistedSnapshot;
  timers: TimerRecord[];
}

/** The part of an XState persisted snapshot the engine restores from. */
export interface PersistedSnapshot { value: unknown; context: { since: number }; status?: string }

export interface StepRecord {
  enrolmentId: string;
  at: number;
  node: string;
  type: string;
  port?: string;
}

/** An email in the outbox: a marketing email of a `sendEmail` step or an owner notification. */
export interface EmailRecord {
  id: string;
  kind: 'marketing' | 'notification';
  enrolmentId: string;
  flowId: string;
  contactId: string;
  node: string;
  at: number;
  to: string | null;
  from?: string;
  subject: string;
  body: string;
  suppressed?: SuppressionReason;
  /** Why the subject or body could not be rendered (with `suppressed: 'render-failed'`). */
  error?: string;
}

export interface ScoreSplit { score: number; fit: number; behaviour: number; adjustments: number }

/** What sales receives with a handoff (spec §4.10). */
export interface HandoffRecord {
  id: string;
  enrolmentId: string;
  flowId: string;
  contactId: string;
  node: string;
  at: number;
  owner: string | null;
  score: ScoreSplit;
  stage: Stage;
  properties: Record<string, Scalar>;
  recentEvents: { at: number; type: string; data: Record<string, Scalar> }[];
  emailsReceived: { at: number; node: string; subject: string }[];
}
