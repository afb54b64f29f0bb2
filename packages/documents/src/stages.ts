/** Lifecycle stages in their order (spec §1): a stage only moves forward. */
export const STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist'] as const;
export type StageName = (typeof STAGES)[number];

/** The position of a stage in the lifecycle order; -1 for an unknown text. */
export function stageRank(stage: string): number {
  return (STAGES as readonly string[]).indexOf(stage);
}

/** The later of two stages: setting an earlier stage than the current one changes nothing. */
export function forwardStage(current: StageName, next: StageName): StageName {
  return stageRank(next) > stageRank(current) ? next : current;
}
