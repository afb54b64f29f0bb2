import { durationMs, type ScoringModel } from '@hourglass/documents';
import { holds, matches } from './conditions.ts';
import type { ContactRecord, EventRecord, ScoreSplit } from './records.ts';

// Fit rules cannot ask for the score they are part of.
const noScore = () => 0;

/**
 * A contact's score at `at` (spec §3): fit + behaviour + adjustments. Fit rules see the contact's
 * properties and stage; behaviour counts events with `at ≤ t < at + expires`, capped at `max`.
 */
export function computeScore(model: ScoringModel | undefined, contact: ContactRecord, events: readonly EventRecord[], at: number): ScoreSplit {
  let fit = 0;
  let behaviour = 0;
  if (model) {
    const subject = { contact, events: [], at, score: noScore };
    for (const rule of model.fit) if (holds(rule.if, subject)) fit += rule.points;
    for (const rule of model.behaviour) {
      const life = rule.expires ? durationMs(rule.expires) : Infinity;
      let sum = 0;
      for (const e of events) {
        if (e.type === rule.event && e.at <= at && at < e.at + life && matches(e.data, rule.where)) sum += rule.points;
      }
      behaviour += rule.max !== undefined ? Math.min(sum, rule.max) : sum;
    }
  }
  return { score: fit + behaviour + contact.adjustments, fit, behaviour, adjustments: contact.adjustments };
}
