import { z } from 'zod';
import { EnrolmentStatus, NodeId, SuppressionReason, TraceStep } from '@hourglass/documents';

// Moving a live flow's contacts to another version (docs/semantics.md, "Migrations"), pausing a
// flow, and moving one contact by hand.

const Version = z.number().int().positive();

/** The body of a migration's preview and of the migration itself. */
export const MigrationBody = z.strictObject({
  from: Version,
  to: Version,
  /** Per node of `from`, the node of `to` its contacts go to; null leaves them unmapped. Other nodes keep the default (same id and type). */
  map: z.record(NodeId, NodeId.nullable()).optional(),
  /** Contacts on an unmapped node stay on `from` (the default) or leave the flow as completed. */
  unmapped: z.enum(['stay', 'exit']).default('stay'),
});
export type MigrationBody = z.infer<typeof MigrationBody>;

/** How many contacts wait on a node of the old version and where they go. */
export const MigrationMove = z.object({ from: z.string(), to: z.string().nullable(), contacts: z.number().int() });
export type MigrationMove = z.infer<typeof MigrationMove>;

/** Something the marketer should know before applying: an error refuses the migration. */
export const MigrationProblem = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  node: z.string().optional(),
  message: z.string(),
});
export type MigrationProblem = z.infer<typeof MigrationProblem>;

/** What happens to a sampled contact from the migration on, in one version (no real effects). */
export const SampleRun = z.object({
  status: EnrolmentStatus,
  position: z.string().nullable(),
  endedAt: z.string().nullable(),
  steps: z.array(TraceStep),
  emails: z.array(z.object({ at: z.string(), node: z.string(), subject: z.string(), suppressed: SuppressionReason.optional() })),
});
export type SampleRun = z.infer<typeof SampleRun>;

/** One contact simulated forward from its real history: staying on the old version, and moved. */
export const MigrationSample = z.object({
  contactId: z.string(),
  /** The contact's name as the marketer knows it (first name, email or id). */
  name: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  before: SampleRun,
  after: SampleRun,
  /** What changes for this contact, in a sentence. */
  summary: z.string(),
});
export type MigrationSample = z.infer<typeof MigrationSample>;

export const MigrationPreview = z.object({
  from: Version,
  to: Version,
  /** The instant the preview was made at: the sample starts there. */
  at: z.string(),
  /** Every contact in version `from`. */
  contacts: z.number().int(),
  moves: z.array(MigrationMove),
  problems: z.array(MigrationProblem),
  sample: z.array(MigrationSample),
});
export type MigrationPreview = z.infer<typeof MigrationPreview>;

/** A migration, running or done, with its counts. */
export const Migration = z.object({
  id: z.string(),
  flowId: z.string(),
  from: Version,
  to: Version,
  map: z.record(z.string(), z.string().nullable()),
  unmapped: z.enum(['stay', 'exit']),
  status: z.enum(['running', 'done', 'failed']),
  moved: z.number().int(),
  /** Of the moved, those the new version's goal ended at once. */
  goal: z.number().int(),
  stayed: z.number().int(),
  exited: z.number().int(),
  error: z.string().optional(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Migration = z.infer<typeof Migration>;

export const MigrationAnswer = z.object({
  migration: z.string(),
  status: Migration.shape.status,
  moved: z.number().int(),
  goal: z.number().int(),
  stayed: z.number().int(),
  exited: z.number().int(),
});
export type MigrationAnswer = z.infer<typeof MigrationAnswer>;
export const MigrationList = z.object({ migrations: z.array(Migration) });
export type MigrationList = z.infer<typeof MigrationList>;

/** Moves one contact's enrolment onto a step (of its version, or of `version`), or out of the flow when `node` is null. */
export const MoveEnrolmentBody = z.strictObject({ node: NodeId.nullable(), version: Version.optional() });
export type MoveEnrolmentBody = z.infer<typeof MoveEnrolmentBody>;

/** Whether a flow is paused: it then enrols nobody and fires no timers. */
export const PauseState = z.object({ paused: z.boolean(), pausedAt: z.string().nullable() });
export type PauseState = z.infer<typeof PauseState>;
export const ResumeBody = z.strictObject({
  /** Emails that the timers due during the pause would send are recorded as not sent (`moment-passed`). */
  skipPastEmails: z.boolean().default(false),
});
export type ResumeBody = z.infer<typeof ResumeBody>;
export const ResumeAnswer = PauseState.extend({ fired: z.number().int(), skippedEmails: z.number().int() });
export type ResumeAnswer = z.infer<typeof ResumeAnswer>;
