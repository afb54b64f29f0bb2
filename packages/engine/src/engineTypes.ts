// What the engine takes and gives: its options, input events, contact changes and the outcome of an enrolment.
import type { Flow, Scalar, ScoringModel, Stage } from '@hourglass/documents';
import type { CompiledFlow } from '@hourglass/compiler';
import type { EnrolmentRecord } from './records.ts';
import type { Stepper } from './stepper.ts';
import type { Store } from './store.ts';
import type { StepperKind } from './flowRuntime.ts';

/** An input event (spec §4.1): recorded, merged into the contact, then shown to every flow. */
export interface InputEvent {
  contactId: string;
  at: number;
  type: string;
  data?: Record<string, Scalar>;
  properties?: Record<string, Scalar>;
  stage?: Stage;
}

/** Changes to a contact that are not an event (the server's contact upsert). */
export interface ContactChanges {
  email?: string | null;
  stage?: Stage;
  owner?: string | null;
  properties?: Record<string, Scalar>;
}

export type EnrolOutcome =
  | { enrolled: true; enrolment: EnrolmentRecord }
  | { enrolled: false; reason: 'unknown-flow' | 'no-manual-trigger' | 'already-enrolled' | 'no-reentry' | 'goal-met' | 'paused' };

export interface EngineOptions {
  store: Store;
  scoring?: ScoringModel;
  /** Ids for enrolments, emails and handoffs; the simulator counts, the server uses UUIDs. */
  newId?: (kind: 'enrolment' | 'email' | 'handoff') => string;
  /** Loads a flow version that has running enrolments but was not added (the server's history). */
  loadVersion?: (flowId: string, version: number) => Flow | undefined;
  /** `xstate` unless said otherwise; see `StepperKind`. Tests may pass their own stepper. */
  stepper?: StepperKind | ((compiled: CompiledFlow) => Stepper);
  /**
   * Whether emails get their subject and body rendered (true unless said otherwise). A forecast
   * counts emails but never shows them, so it keeps the templates and skips Liquid, and leaves
   * sales notifications without a body.
   */
  renderEmails?: boolean;
}
