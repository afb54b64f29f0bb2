import { durationMs, type ScoringModel } from '@hourglass/documents';
import { holds } from './conditions.ts';
import type { EventCounter } from './eventQuery.ts';
import type { ContactRecord, ScoreSplit } from './records.ts';

// Fit rules cannot ask for the score they are part of, nor for events.
const noScore = () => 0;
const noEvents = () => 0;

/** How many events earn a rule all it can give: with a cap, more change nothing. */
function enough(points: number, max: number | undefined): number {
  if (points === 0) return 0;
  if (points < 0 || max === undefined) return Infinity;
  if (max <= 0) return 0;
  let n = Math.ceil(max / points);
  while (n * points < max) n++;
  return n;
}

/**
 * A contact's score at `at` (spec §3): fit + behaviour + adjustments. Fit rules see the contact's
 * properties and stage; behaviour counts events with `at ≤ t < at + expires`, capped at `max`.
 */
export function computeScore(model: ScoringModel | undefined, contact: ContactRecord, countEvents: EventCounter, at: number): ScoreSplit {
  let fit = 0;
  let behaviour = 0;
  if (model) {
    const subject = { contact, countEvents: noEvents, at, score: noScore };
    for (const rule of model.fit) if (holds(rule.if, subject)) fit += rule.points;
    for (const rule of model.behaviour) {
      // at ≤ t < at + expires, that is t − expires < at ≤ t.
      const query = { type: rule.event, where: rule.where, until: at, ...(rule.expires ? { after: at - durationMs(rule.expires) } : {}) };
      const sum = rule.points * countEvents(query, enough(rule.points, rule.max));
      behaviour += rule.max !== undefined ? Math.min(sum, rule.max) : sum;
    }
  }
  return { score: fit + behaviour + contact.adjustments, fit, behaviour, adjustments: contact.adjustments };
}
