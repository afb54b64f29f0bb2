import { z } from 'zod';
import { ContactProperties, Stage } from './common.ts';

export const TRACE_FORMAT = 'hourglass.trace/1';

/** Where a migration moved the contact from onto this step's node (docs/semantics.md, "Migrations"). */
export const MigratedFrom = z.object({ version: z.number().int().positive(), node: z.string() });
export type MigratedFrom = z.infer<typeof MigratedFrom>;

export const TraceStep = z.object({
  at: z.string(),
  node: z.string(),
  type: z.string(),
  port: z.string().optional(),
  migratedFrom: MigratedFrom.optional(),
});
export type TraceStep = z.infer<typeof TraceStep>;

export const EnrolmentStatus = z.enum(['active', 'completed', 'goal']);
export type EnrolmentStatus = z.infer<typeof EnrolmentStatus>;

export const TraceEnrolment = z.object({
  status: EnrolmentStatus,
  enteredAt: z.string(),
  endedAt: z.string().nullable(),
  position: z.string().nullable(),
  steps: z.array(TraceStep),
});
export type TraceEnrolment = z.infer<typeof TraceEnrolment>;

/**
 * Why an email was not sent: the contact unsubscribed, has no address, its subject or body
 * could not be rendered (`render-failed`, with the reason in `error`; docs/semantics.md), or its
 * flow was paused past its moment and resumed without sending such emails (`moment-passed`).
 */
export const SuppressionReason = z.enum(['unsubscribed', 'no-email', 'render-failed', 'moment-passed']);
export type SuppressionReason = z.infer<typeof SuppressionReason>;

export const TraceEmail = z.object({
  at: z.string(),
  node: z.string(),
  to: z.string().nullable(),
  subject: z.string(),
  suppressed: SuppressionReason.optional(),
  /** Why the template could not be rendered (only with `suppressed: "render-failed"`). */
  error: z.string().optional(),
});
export type TraceEmail = z.infer<typeof TraceEmail>;

export const TraceHandoff = z.object({ at: z.string(), node: z.string(), owner: z.string().nullable() });
export type TraceHandoff = z.infer<typeof TraceHandoff>;

export const TraceContact = z.object({
  score: z.number(),
  stage: Stage,
  owner: z.string().nullable(),
  properties: ContactProperties,
});
export type TraceContact = z.infer<typeof TraceContact>;

export const TraceStatus = z.enum(['active', 'completed', 'goal', 'not-enrolled']);
export type TraceStatus = z.infer<typeof TraceStatus>;

/**
 * The trace document, `hourglass.trace/1` (spec §6), as a program holds it. The spec's JSON
 * carries the key `contact` twice — first the contact id, last the contact at the horizon — so
 * the id lives in `contactId` here and `formatTrace` writes both keys in the spec's order.
 * `JSON.parse` keeps the last key, which is why a parsed trace has no contact id.
 */
export const Trace = z.object({
  format: z.literal(TRACE_FORMAT),
  flow: z.string(),
  contactId: z.string().optional(),
  status: TraceStatus,
  enrolments: z.array(TraceEnrolment),
  emails: z.array(TraceEmail),
  handoffs: z.array(TraceHandoff),
  contact: TraceContact,
});
export type Trace = z.infer<typeof Trace>;

/** Serialises a trace exactly in the spec's shape, including the leading `"contact": id`. */
export function formatTrace(trace: Trace, indent = 2): string {
  const { contactId, contact, format, flow, status, enrolments, emails, handoffs } = trace;
  const pad = ' '.repeat(indent);
  const field = (k: string, v: unknown) => `${pad}${JSON.stringify(k)}: ${JSON.stringify(v, null, indent).replace(/\n/g, `\n${pad}`)}`;
  const lines = [field('format', format), field('flow', flow)];
  if (contactId !== undefined) lines.push(field('contact', contactId));
  lines.push(field('status', status), field('enrolments', enrolments), field('emails', emails), field('handoffs', handoffs), field('contact', contact));
  return `{\n${lines.join(',\n')}\n}`;
}
