import { z } from 'zod';
import { Contact, ContactProperties, Duration, Instant, Match, Scalar, Stage } from './common.ts';
import { durationProblem, parseDuration } from './duration.ts';
import { parseInstant } from './time.ts';

export const SCENARIO_FORMAT = 'hourglass.scenario/1';

/** When a scenario event happens: a duration after the start, or an instant. */
export const ScenarioAt = z.string().superRefine((s, ctx) => {
  if (parseInstant(s) !== null) return;
  if (!parseDuration(s).ok) {
    ctx.addIssue({
      code: 'custom',
      message: `"${s}" is neither a duration after the start ("P1D") nor an instant ("2026-03-02T08:00:00Z").`,
      params: { code: 'bad-at' },
    });
    return;
  }
  // An offset from the start: before it (history) or after it, within the longest duration.
  const problem = durationProblem(s, true);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
});

export const ScenarioEvent = z.strictObject({
  at: ScenarioAt,
  type: z.string().min(1),
  data: z.record(z.string(), Scalar).optional(),
  properties: ContactProperties.optional(),
  stage: Stage.optional(),
});
export type ScenarioEvent = z.infer<typeof ScenarioEvent>;

/** The scenario's contact: a contact that may carry a starting score (an adjustment). */
export const ScenarioContact = Contact.extend({ score: z.number().int().optional() });
export type ScenarioContact = z.infer<typeof ScenarioContact>;

/** The scenario document, `hourglass.scenario/1` (spec §6). */
export const Scenario = z.strictObject({
  format: z.literal(SCENARIO_FORMAT),
  name: z.string().optional(),
  description: z.string().optional(),
  start: Instant,
  contact: ScenarioContact,
  enrol: z.boolean().default(false),
  events: z.array(ScenarioEvent).default([]),
  horizon: Duration,
});
export type Scenario = z.infer<typeof Scenario>;

export { Match };
