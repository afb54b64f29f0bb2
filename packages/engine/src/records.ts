import type { MigratedFrom, Scalar, Stage, SuppressionReason, EnrolmentStatus } from '@hourglass/documents';

/**
 * A contact as the engine keeps it. The score is computed, never stored (spec §3). The engine
 * changes its own copy while it processes an input; a store hands contacts out read-only
 * (`StoredContact`).
 */
export interface ContactRecord {
  readonly id: string;
  email?: string;
  stage: Stage;
  owner: string | null;
  properties: Record<string, Scalar>;
  /** Every `update.addScore` so far plus the starting score: adjustments never expire. */
  adjustments: number;
}

/** A contact as a store hands it out: neither it nor its properties may be changed (see `Store`). */
export type StoredContact = Readonly<Omit<ContactRecord, 'properties'>> & { readonly properties: Readonly<ContactRecord['properties']> };

/** An input event as recorded for a contact; `seq` grows with every event recorded. Never changed. */
export interface EventRecord {
  readonly seq: number;
  readonly contactId: string;
  readonly at: number;
  readonly type: string;
  readonly data: Readonly<Record<string, Scalar>>;
}

/** A pending timer: a delayed event of the compiled machine and the instant it is due. Never changed. */
export interface TimerRecord {
  /** The stepper's id of the delayed event (XState's `xstate.after.<delay>.<state>`): a cancel names it. */
  readonly id: string;
  readonly enrolmentId: string;
  /** The event type to send when it is due. */
  readonly event: string;
  readonly wakeAt: number;
}

/**
 * One contact's passage through one flow, in one version at a time. The engine changes the fields
 * that are not `readonly` on a record it read in the same transaction and then puts it back; it
 * replaces `timers` with a new array whenever a timer changes, never changing an array in place
 * (see `Store`).
 */
export interface EnrolmentRecord {
  readonly id: string;
  readonly flowId: string;
  /** The version the contact runs in: the one it entered, or the one a migration moved it to. */
  version: number;
  readonly contactId: string;
  status: EnrolmentStatus;
  readonly enteredAt: number;
  endedAt: number | null;
  /** The node the contact is on, or null once the enrolment has ended. */
  position: string | null;
  /** The XState persisted snapshot of the compiled machine. */
  snapshot: PersistedSnapshot;
  timers: readonly TimerRecord[];
}

/** The part of an XState persisted snapshot the engine restores from. */
export interface PersistedSnapshot {
  readonly value: unknown;
  readonly context: { readonly since: number };
  readonly status?: string;
}

/** A node a contact entered; the port it left by is set once, when it leaves (`Store.setStepPort`). */
export interface StepRecord {
  readonly enrolmentId: string;
  readonly at: number;
  readonly node: string;
  readonly type: string;
  port?: string;
  /** A migration moved the contact onto this node, from this node of this version (docs/semantics.md). */
  readonly migratedFrom?: Readonly<MigratedFrom>;
}

/** An email in the outbox: a marketing email of a `sendEmail` step or an owner notification. Never changed. */
export interface EmailRecord {
  readonly id: string;
  readonly kind: 'marketing' | 'notification';
  readonly enrolmentId: string;
  readonly flowId: string;
  readonly contactId: string;
  readonly node: string;
  readonly at: number;
  readonly to: string | null;
  readonly from?: string;
  readonly subject: string;
  readonly body: string;
  readonly suppressed?: SuppressionReason;
  /** Why the subject or body could not be rendered (with `suppressed: 'render-failed'`). */
  readonly error?: string;
}

export interface ScoreSplit {
  score: number;
  fit: number;
  behaviour: number;
  adjustments: number;
}

/**
 * How a handoff chose its owner (spec §4.10): the contact's existing owner, the first routing
 * rule that held (`rule-1` is the first rule of the node), round robin, the fallback, or none.
 */
export type HandoffRoute = 'owner' | `rule-${number}` | 'round-robin' | 'fallback' | 'none';

/** What sales receives with a handoff (spec §4.10). Never changed. */
export interface HandoffRecord {
  readonly id: string;
  readonly enrolmentId: string;
  readonly flowId: string;
  readonly contactId: string;
  readonly node: string;
  readonly at: number;
  readonly owner: string | null;
  /** How the owner was chosen, for the report's verdicts per routing rule; absent in handoffs recorded before it was kept. */
  readonly route?: HandoffRoute;
  readonly score: ScoreSplit;
  readonly stage: Stage;
  readonly properties: Record<string, Scalar>;
  readonly recentEvents: { at: number; type: string; data: Record<string, Scalar> }[];
  readonly emailsReceived: { at: number; node: string; subject: string }[];
}
