import { z } from 'zod';
import type { Match, Scalar } from './common.ts';
import type { Flow, TriggerConfig } from './flow.ts';

/** A trigger of a flow that lets contacts in that another live flow's trigger lets in too. */
export const TriggerOverlap = z.object({
  /** The trigger of this flow. */
  nodeId: z.string(),
  /** The other live flow, its version that new contacts enter, and its trigger. */
  flowId: z.string(),
  flowName: z.string(),
  version: z.number().int(),
  otherNodeId: z.string(),
  /** Why both let the same contact in, as the end of a sentence: "both start on form_submitted with form = whitepaper". */
  reason: z.string(),
});
export type TriggerOverlap = z.infer<typeof TriggerOverlap>;

/** A flow new contacts can enter now: its latest published version. */
export interface LiveFlow {
  version: number;
  flow: Flow;
}

const values = (v: Scalar | Scalar[]): Scalar[] => (Array.isArray(v) ? v : [v]);
const text = (v: Scalar) => (typeof v === 'string' ? v : JSON.stringify(v));
const stageText = (s: string) => (s === 'mql' || s === 'sql' ? s.toUpperCase() : s);

/**
 * The filter an event must pass to match both filters, or null when no event can match both (a
 * key of both filters whose values have nothing in common). Equality is strict, as in matching.
 */
function commonFilter(a: Match | undefined, b: Match | undefined): Record<string, Scalar[]> | null {
  const both: Record<string, Scalar[]> = {};
  for (const [key, want] of Object.entries(a ?? {})) both[key] = values(want);
  for (const [key, want] of Object.entries(b ?? {})) {
    const other = values(want);
    const mine = both[key];
    both[key] = mine ? mine.filter((v) => other.includes(v)) : other;
    if (both[key]!.length === 0) return null;
  }
  return both;
}

/**
 * Why two triggers let the same contact in (spec §4.2), or null when they cannot: the same event
 * with filters some event passes both, the same stage, or two score thresholds (a contact who
 * reaches the higher one has reached the lower one too). Manual triggers never overlap.
 */
export function triggerOverlap(a: TriggerConfig, b: TriggerConfig): string | null {
  if (a.on === 'event' && b.on === 'event') {
    if (a.event !== b.event) return null;
    const filter = commonFilter(a.where, b.where);
    if (!filter) return null;
    const words = Object.entries(filter).map(([k, v]) => `${k} = ${v.map(text).join(' or ')}`);
    return `both start on ${a.event}${words.length ? ` with ${words.join(', ')}` : ''}`;
  }
  if (a.on === 'stage' && b.on === 'stage') return a.stage === b.stage ? `both start when the stage reaches ${stageText(a.stage)}` : null;
  if (a.on === 'score' && b.on === 'score') {
    if (a.gte === b.gte) return `both start when the score reaches ${a.gte}`;
    return `a contact whose score reaches ${Math.max(a.gte, b.gte)} enters both (this flow starts at ${a.gte}, the other at ${b.gte})`;
  }
  return null;
}

/** Every pair of a trigger of `flow` and a trigger of another live flow that let the same contact in. */
export function triggerOverlaps(flow: Flow, live: readonly LiveFlow[]): TriggerOverlap[] {
  const overlaps: TriggerOverlap[] = [];
  for (const node of flow.nodes) {
    if (node.type !== 'trigger') continue;
    for (const other of live) {
      if (other.flow.id === flow.id) continue;
      for (const theirs of other.flow.nodes) {
        if (theirs.type !== 'trigger') continue;
        const reason = triggerOverlap(node.config, theirs.config);
        if (reason)
          overlaps.push({ nodeId: node.id, flowId: other.flow.id, flowName: other.flow.name, version: other.version, otherNodeId: theirs.id, reason });
      }
    }
  }
  return overlaps;
}
