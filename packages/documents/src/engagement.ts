import { z } from 'zod';
import { ContactProperties, Duration, Instant, Scalar, Stage } from './common.ts';

export const ENGAGEMENT_FORMAT = 'hourglass.engagement/1';
export const FORECAST_FORMAT = 'hourglass.forecast/1';

const Probability = z.number().min(0, 'A probability is between 0 and 1.').max(1, 'A probability is between 0 and 1.');

/** How likely a contact reacts to something, and how long after. */
export const Reaction = z.strictObject({ probability: Probability, delay: Duration.default('PT4H') });
export type Reaction = z.infer<typeof Reaction>;

/** Reactions to one email: an open (`email_opened`) and a click (`email_clicked`, which implies an open). */
export const EmailEngagement = z.strictObject({ open: Reaction.optional(), click: Reaction.optional() });
export type EmailEngagement = z.infer<typeof EmailEngagement>;

/** An event synthetic contacts produce: once at `at` after they arrive, or `every` so often. */
export const ModelEvent = z.strictObject({
  type: z.string().min(1),
  data: z.record(z.string(), Scalar).optional(),
  properties: ContactProperties.optional(),
  stage: Stage.optional(),
  probability: Probability.default(1),
  at: Duration.default('PT0S'),
  every: Duration.optional(),
});
export type ModelEvent = z.infer<typeof ModelEvent>;

/** How a property of the synthetic contacts is drawn. */
export const PropertyDistribution = z.union([
  z.strictObject({ value: Scalar }),
  z.strictObject({ choice: z.record(z.string(), z.number().positive()) }),
  z.strictObject({ uniform: z.tuple([z.number(), z.number()]), integer: z.boolean().optional() }),
]);
export type PropertyDistribution = z.infer<typeof PropertyDistribution>;

/**
 * An engagement model, `hourglass.engagement/1`: how a cohort of synthetic contacts behaves, for
 * a forecast. Every part is optional; `defaultEngagementModel` documents the defaults.
 */
export const EngagementModel = z.strictObject({
  format: z.literal(ENGAGEMENT_FORMAT),
  /** When the first contact arrives. */
  start: Instant.default('2026-01-05T09:00:00Z'),
  /** How long each contact is followed after it arrives. */
  horizon: Duration.default('P90D'),
  /** Contacts arrive evenly spread over this period after `start`. */
  arrivals: Duration.default('PT0S'),
  /** Whether each contact produces the flow's first trigger when it arrives. */
  entry: z.enum(['trigger', 'none']).default('trigger'),
  contacts: z
    .strictObject({
      stages: z.partialRecord(Stage, z.number().positive()).optional(),
      properties: z.record(z.string(), PropertyDistribution).default({}),
      /** The share of contacts with an email address. */
      withEmail: Probability.default(1),
      /** The share of contacts already unsubscribed. */
      unsubscribed: Probability.default(0),
    })
    .default({ properties: {}, withEmail: 1, unsubscribed: 0 }),
  emails: z
    .strictObject({ default: EmailEngagement.default({}), nodes: z.record(z.string(), EmailEngagement).default({}) })
    .default({ default: {}, nodes: {} }),
  events: z.array(ModelEvent).default([]),
});
export type EngagementModel = z.infer<typeof EngagementModel>;

/** A forecast's result, `hourglass.forecast/1`. */
export const Forecast = z.object({
  format: z.literal(FORECAST_FORMAT),
  flow: z.string(),
  contacts: z.number().int(),
  seed: z.number().int(),
  nodes: z.record(z.string(), z.object({ entered: z.number().int() })),
  edges: z.array(z.object({ from: z.string(), to: z.string(), port: z.string().optional(), taken: z.number().int() })),
  outcomes: z.object({ completed: z.number().int(), goal: z.number().int(), active: z.number().int(), 'not-enrolled': z.number().int() }),
  handoffs: z.record(z.string(), z.number().int()),
  /** Hours from entering the flow to the first handoff, for the contacts handed off. */
  timeToHandoffHours: z.object({
    count: z.number().int(),
    p10: z.number().nullable(),
    p50: z.number().nullable(),
    p90: z.number().nullable(),
    histogram: z.array(z.object({ upTo: z.number(), contacts: z.number().int() })),
  }),
  emails: z.object({ sent: z.number().int(), suppressed: z.number().int() }),
});
export type Forecast = z.infer<typeof Forecast>;
