import { z } from 'zod';
import {
  Contact,
  ContactProperties,
  EmailAddress,
  EnrolmentStatus,
  Instant,
  Problem,
  Scalar,
  Scenario,
  Stage,
  Trace,
  TriggerOverlap,
} from '@hourglass/documents';
import { Consent } from './forms.ts';

// The API's own bodies and answers (docs/api.md). Documents inside them (flows, scoring models,
// scenarios, traces, problems) are the schemas of @hourglass/documents. Every type here is
// inferred from its schema, and the OpenAPI document is generated from the same schemas.

const Id = z.string().min(1).max(200);

// ---- requests ----------------------------------------------------------------------------------

/** One event as a client sends it; the server stamps it with its clock. */
export const EventInput = z.strictObject({
  id: Id.meta({ description: 'Unique per event: a repeated id is a retry and is ignored.' }),
  contactId: Id,
  type: z.string().min(1).max(100),
  data: z.record(z.string(), Scalar).optional(),
  properties: ContactProperties.optional(),
  stage: Stage.optional(),
});
export type EventInput = z.infer<typeof EventInput>;

export const MAX_EVENTS_PER_REQUEST = 1000;
export const EventBatch = z.strictObject({ events: z.array(EventInput).min(1).max(MAX_EVENTS_PER_REQUEST) });
export type EventBatch = z.infer<typeof EventBatch>;

export const ContactChangesBody = z.strictObject({
  email: EmailAddress.nullable().optional(),
  stage: Stage.optional(),
  owner: EmailAddress.nullable().optional(),
  properties: ContactProperties.optional(),
});
export type ContactChangesBody = z.infer<typeof ContactChangesBody>;

export const EnrolBody = z.strictObject({ contactId: Id });
export type EnrolBody = z.infer<typeof EnrolBody>;

export const PublishBody = z.strictObject({ note: z.string().max(500).optional() });
export type PublishBody = z.infer<typeof PublishBody>;

export const FeedbackBody = z.strictObject({ verdict: z.enum(['accepted', 'rejected']), note: z.string().max(2000).optional() });
export type FeedbackBody = z.infer<typeof FeedbackBody>;

/** The documents are checked one by one afterwards, so each problem points into its own document. */
export const SimulateBody = z.strictObject({ flow: z.unknown(), scenario: z.unknown(), scoring: z.unknown().optional() });
export type SimulateBody = z.infer<typeof SimulateBody>;

/** A scenario saved with a flow, and the trace it is expected to give (kept from an earlier run). */
export const ScenarioBody = z.strictObject({ scenario: Scenario, expected: Trace.optional() });
export type ScenarioBody = z.infer<typeof ScenarioBody>;
export const ScenarioName = z.string().min(1).max(200);

export const ClockBody = z.strictObject({ now: Instant });
export type ClockBody = z.infer<typeof ClockBody>;

const Limit = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const ContactsQuery = z.object({ search: z.string().max(200).default(''), limit: Limit(50, 500) });
export const OutboxQuery = z.object({
  flow: z.string().optional(),
  contact: z.string().optional(),
  kind: z.enum(['marketing', 'notification']).optional(),
  status: z.enum(['sent', 'suppressed', 'failed', 'pending']).optional(),
  limit: Limit(200, 1000),
});
export const HandoffsQuery = z.object({
  owner: z.string().optional(),
  status: z.enum(['open', 'accepted', 'rejected']).optional(),
  flow: z.string().optional(),
  contact: z.string().optional(),
  limit: Limit(200, 1000),
});
export const EnrolmentsQuery = z.object({ limit: Limit(500, 5000) });
export const TraceQuery = z.object({ flow: z.string().min(1) });

// ---- answers -----------------------------------------------------------------------------------

/** A flow document as stored; a draft may be unfinished, so it is described, not enforced. */
export const FlowDocument = z
  .record(z.string(), z.unknown())
  .meta({ description: 'A hourglass.flow/1 document (see /api/openapi.json#/components/schemas/Flow).' });

export const ErrorBody = z.object({ error: z.string(), problems: z.array(Problem).optional() }).catchall(z.unknown());

export const ProblemCounts = z.object({ errors: z.number().int(), warnings: z.number().int() });
export const FlowSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  updatedAt: z.string(),
  draftProblems: ProblemCounts,
  publishedVersion: z.number().int().nullable(),
  /** True when the flow is published and its draft is something else than the live version (moved steps aside). */
  draftDiffers: z.boolean(),
  enrolled: z.number().int(),
  /** Present when the stored draft could not be summarised: a sentence for the list. */
  draftError: z.string().optional(),
});
export type FlowSummary = z.infer<typeof FlowSummary>;
export const FlowList = z.object({ flows: z.array(FlowSummary) });

export const SavedFlow = z.object({ flow: FlowDocument, problems: z.array(Problem), updatedAt: z.string() });
export type SavedFlow = z.infer<typeof SavedFlow>;
export const FlowDraft = SavedFlow.extend({ publishedVersion: z.number().int().nullable() });
export type FlowDraft = z.infer<typeof FlowDraft>;

export const SavedScenario = ScenarioBody.extend({ name: ScenarioName });
export type SavedScenario = z.infer<typeof SavedScenario>;
export const ScenarioList = z.object({ scenarios: z.array(SavedScenario) });
export type ScenarioList = z.infer<typeof ScenarioList>;

export const PublishedVersion = z.object({ version: z.number().int(), publishedAt: z.string(), note: z.string().nullable() });
export type PublishedVersion = z.infer<typeof PublishedVersion>;
export const VersionList = z.object({ versions: z.array(PublishedVersion) });

/** What publishing the saved draft would meet: the live version, the contacts in the flow, and other live flows on the same trigger. */
export const PublishCheck = z.object({
  liveVersion: z.number().int().nullable(),
  /** Contacts in the flow now (every version); they stay on the version they entered. */
  enrolled: z.number().int(),
  overlaps: z.array(TriggerOverlap),
});
export type PublishCheck = z.infer<typeof PublishCheck>;
export const FlowVersion = PublishedVersion.extend({ flow: FlowDocument });
export type FlowVersion = z.infer<typeof FlowVersion>;

export const Enrolment = z.object({
  id: z.string(),
  flowId: z.string(),
  contactId: z.string(),
  version: z.number().int(),
  status: EnrolmentStatus,
  enteredAt: z.string(),
  endedAt: z.string().nullable(),
  position: z.string().nullable(),
});
export type Enrolment = z.infer<typeof Enrolment>;
export const FlowEnrolments = z.object({
  counts: z.record(z.string(), z.number().int()),
  /** Active contacts per version they run in ("1": n): those on older versions can be moved to the latest. */
  versions: z.record(z.string(), z.number().int()),
  enrolments: z.array(Enrolment),
});
export type FlowEnrolments = z.infer<typeof FlowEnrolments>;
export const EnrolAnswer = z.object({ enrolment: Enrolment });

export const ScoreSplit = z.object({ score: z.number(), fit: z.number(), behaviour: z.number(), adjustments: z.number() });
export type ScoreSplit = z.infer<typeof ScoreSplit>;

export const ContactEvent = z.object({ id: z.string(), at: z.string(), type: z.string(), data: z.record(z.string(), Scalar) });
export type ContactEvent = z.infer<typeof ContactEvent>;
export const ContactSummary = Contact.extend({ score: z.number() });
export type ContactSummary = z.infer<typeof ContactSummary>;
export const ContactList = z.object({ contacts: z.array(ContactSummary) });
export const ContactDetail = z.object({
  contact: Contact,
  score: ScoreSplit,
  events: z.array(ContactEvent),
  enrolments: z.array(Enrolment),
  consents: z.array(Consent),
});
export type ContactDetail = z.infer<typeof ContactDetail>;

export const EventsAccepted = z.object({ accepted: z.number().int(), duplicates: z.number().int() });
export type EventsAccepted = z.infer<typeof EventsAccepted>;

export const Handoff = z.object({
  id: z.string(),
  flowId: z.string(),
  contactId: z.string(),
  node: z.string(),
  at: z.string(),
  owner: z.string().nullable(),
  score: ScoreSplit,
  stage: Stage,
  properties: ContactProperties,
  recentEvents: z.array(z.object({ at: z.string(), type: z.string(), data: z.record(z.string(), Scalar) })),
  emailsReceived: z.array(z.object({ at: z.string(), node: z.string(), subject: z.string() })),
  status: z.enum(['open', 'accepted', 'rejected']),
  note: z.string().nullable(),
  feedbackAt: z.string().nullable(),
});
export type Handoff = z.infer<typeof Handoff>;
export const HandoffList = z.object({ handoffs: z.array(Handoff) });

export const OutboxEmail = z.object({
  id: z.string(),
  kind: z.enum(['marketing', 'notification']),
  flowId: z.string(),
  contactId: z.string(),
  node: z.string(),
  at: z.string(),
  to: z.string().nullable(),
  from: z.string().optional(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(['sent', 'suppressed', 'failed', 'pending']),
  suppressed: z.string().optional(),
  error: z.string().optional(),
  sentAt: z.string().optional(),
  attempts: z.number().int(),
  html: z.string().nullable().meta({ description: 'The HTML part as sent; null until the email has left.' }),
  headers: z
    .record(z.string(), z.string())
    .meta({ description: 'The extra headers it left with (List-Unsubscribe, List-Unsubscribe-Post on marketing email).' }),
});
export type OutboxEmail = z.infer<typeof OutboxEmail>;
export const OutboxList = z.object({ emails: z.array(OutboxEmail) });

/** An accepted event that could not be processed, kept with the error (never dropped). */
export const FailedEvent = z.object({
  n: z.number().int(),
  eventId: z.string(),
  contactId: z.string(),
  at: z.string(),
  failedAt: z.string(),
  event: z.unknown(),
  error: z.string(),
});
export type FailedEvent = z.infer<typeof FailedEvent>;
export const FailedEventList = z.object({ failed: z.array(FailedEvent), total: z.number().int() });
export const FailedEventQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() });

export const ClockAnswer = z.object({ now: z.string(), fired: z.number().int() });
export type ClockAnswer = z.infer<typeof ClockAnswer>;

/** The server is up; `inbox` is how many accepted events wait to be processed. */
// catchingUp: events wait in the inbox or timers are overdue (after a restart, a backlog being worked off).
/** On PostgreSQL (docs/scale-out.md): this worker, the workers alive, the contacts it has locked now and the outbox waiting. */
export const ScaleOutHealth = z.object({
  worker: z.string(),
  workers: z.array(z.object({ id: z.string(), host: z.string(), pid: z.number().int(), lastSeenMs: z.number(), applied: z.number().int() })),
  lockedContacts: z.number().int(),
  applied: z.number().int(),
  outbox: z.number().int(),
});
export const Health = z.object({
  ok: z.literal(true),
  inbox: z.number().int(),
  overdueTimers: z.number().int(),
  catchingUp: z.boolean(),
  scaleOut: ScaleOutHealth.optional(),
});
export type Health = z.infer<typeof Health>;
export const TemplateList = z.object({ templates: z.array(FlowDocument) });

// ---- CSV import (campaign spec §4) -------------------------------------------------------------

export const ContactImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'], { error: () => 'dryRun is true or false.' })
    .default('false')
    .transform((v) => v === 'true'),
  key: z.enum(['email', 'id'], { error: () => 'key is email or id.' }).default('email'),
});
/** A skipped row (`row` counts from 1 at the first data row) and the column at fault. */
export const ImportFailure = z.object({ row: z.number().int(), column: z.string().optional(), error: z.string() });
export type ImportFailure = z.infer<typeof ImportFailure>;
export const ContactImportSummary = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.array(ImportFailure),
});
export type ContactImportSummary = z.infer<typeof ContactImportSummary>;
