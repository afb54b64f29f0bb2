import { z } from 'zod';
import { Condition, Duration, Match } from './common.ts';

export const SCORING_FORMAT = 'hourglass.scoring/1';

export const FitRule = z.strictObject({ if: Condition, points: z.number().int(), label: z.string().optional() });
export type FitRule = z.infer<typeof FitRule>;

export const BehaviourRule = z.strictObject({
  event: z.string().min(1),
  where: Match.optional(),
  points: z.number().int(),
  max: z.number().int().optional(),
  expires: Duration.optional(),
  label: z.string().optional(),
});
export type BehaviourRule = z.infer<typeof BehaviourRule>;

/** The scoring model, `hourglass.scoring/1` (spec §3). */
export const ScoringModel = z.strictObject({
  format: z.literal(SCORING_FORMAT),
  fit: z.array(FitRule).default([]),
  behaviour: z.array(BehaviourRule).default([]),
});
export type ScoringModel = z.infer<typeof ScoringModel>;
