import { z } from 'zod';

// Handoffs and the verdicts sales gave them (POST /api/handoffs/:id/feedback), counted for the
// flow report and the scoring page: the feedback loop of lead scoring.

const Count = z.number().int();

export const Verdicts = z.object({
  handedOff: Count,
  accepted: Count,
  rejected: Count,
  /** Handed off, no verdict yet. */
  open: Count,
});
export type Verdicts = z.infer<typeof Verdicts>;

export const RouteVerdicts = Verdicts.extend({
  route: z.string().meta({
    description:
      'how the owner was chosen: owner (the contact had one), rule-N (the Nth routing rule), round-robin, fallback, none, or unknown (recorded before routes were kept)',
  }),
});
export type RouteVerdicts = z.infer<typeof RouteVerdicts>;

export const BandVerdicts = Verdicts.extend({
  /** The band's lowest and highest score (bands of SCORE_BAND_WIDTH points), at the handoff. */
  min: z.number().int(),
  max: z.number().int(),
});
export type BandVerdicts = z.infer<typeof BandVerdicts>;

/** GET /api/scoring/feedback: every flow's handoffs by score band, and how sales judged them. */
export const ScoringFeedback = z.object({
  bandWidth: z.number().int(),
  total: Verdicts,
  /** Bands with at least one handoff, lowest first. */
  bands: z.array(BandVerdicts),
});
export type ScoringFeedback = z.infer<typeof ScoringFeedback>;
