import { z } from 'zod';
import { BandVerdicts, RouteVerdicts, Verdicts } from './handoffVerdicts.ts';

// GET /api/flows/:id/report (campaign spec §5): how a flow performed, over the enrolments that
// entered in [from, to) (UTC days), optionally of one version.

const Count = z.number().int();
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const FlowReportQuery = z.object({
  from: Day.optional().meta({ description: 'first UTC day of entry (YYYY-MM-DD), included' }),
  to: Day.optional().meta({ description: 'UTC day of entry (YYYY-MM-DD) where the range ends, excluded' }),
  version: z.coerce.number().int().min(1).optional(),
});
export type FlowReportQuery = z.infer<typeof FlowReportQuery>;

export const NodeReport = z.object({
  /** Steps of the node (a contact passing twice counts twice). */
  entered: Count,
  /** How many left by each port. */
  ports: z.record(z.string(), Count),
  /** Active enrolments on the node now. */
  waiting: Count,
});
export type NodeReport = z.infer<typeof NodeReport>;

export const EmailReport = z.object({
  /** Accepted by the mail server. */
  sent: Count,
  /** Handed to the mail server and refused for good (after its retries), or cut off by a restart. */
  undelivered: Count,
  suppressed: Count,
  /** Suppressed emails by reason (unsubscribed, no-email, …). */
  suppressedReasons: z.record(z.string(), Count),
  /** Emails whose template could not be rendered. */
  failed: Count,
  opened: Count,
  uniqueOpened: Count,
  clicked: Count,
  uniqueClicked: Count,
  unsubscribed: Count,
});
export type EmailReport = z.infer<typeof EmailReport>;

export const SplitReport = z.object({
  /** goal when the flow has a goal, else completion: what `goal` of each branch counts. */
  measure: z.enum(['goal', 'completion']),
  branches: z.record(z.string(), z.object({ entered: Count, goal: Count })),
  probabilityBest: z.record(z.string(), z.number()),
});
export type SplitReport = z.infer<typeof SplitReport>;

export const HandoffReport = z.object({
  total: Verdicts,
  /** Per way the owner was chosen, in the node's order: owner, rule-1…, round-robin, fallback, none. */
  routes: z.array(RouteVerdicts),
  /** Per score band at the handoff, lowest first. */
  bands: z.array(BandVerdicts),
});
export type HandoffReport = z.infer<typeof HandoffReport>;

export const FlowReport = z.object({
  flow: z.string(),
  from: Day.nullable(),
  to: Day.nullable(),
  version: z.number().int().nullable(),
  enrolled: Count,
  active: Count,
  completed: Count,
  goal: Count,
  /** Enrolments removed by hand or erased with their contact. */
  removed: Count,
  /** Enrolments per UTC day of entry, oldest first (days without any left out). */
  perDay: z.array(z.object({ day: Day, enrolled: Count })),
  nodes: z.record(z.string(), NodeReport),
  emails: z.record(z.string(), EmailReport),
  splits: z.record(z.string(), SplitReport),
  /** Per handoff node, what sales said of its handoffs. */
  handoffs: z.record(z.string(), HandoffReport),
});
export type FlowReport = z.infer<typeof FlowReport>;
