import type { Condition, Flow, Match, Scalar } from '@hourglass/documents';
import { formatScalar } from '../inspector/fields/scalarText.ts';
import type { EventDraft, KeyValueRow, ScenarioDraft } from './scenarioDraft.ts';

/** A one-click change of the scenario's timeline, drawn from the flow. */
export type ScenarioSuggestion =
  | { label: string; kind: 'add'; event: EventDraft }
  | { label: string; kind: 'never'; type: string };

// The first allowed value of each key, so that the event matches the filter.
const matchRows = (where: Match | undefined): KeyValueRow[] =>
  Object.entries(where ?? {}).map(([key, v]) => {
    const value: Scalar = Array.isArray(v) ? v[0] ?? null : v;
    return { key, value: formatScalar(value) };
  });

function eventConditions(c: Condition, out: NonNullable<Condition['event']>[]) {
  if (c.event) out.push(c.event);
  for (const sub of [...(c.all ?? []), ...(c.any ?? []), ...(c.not ? [c.not] : [])]) eventConditions(sub, out);
}

const event = (at: string, type: string, where: Match | undefined): EventDraft => ({ at, type, data: matchRows(where), properties: [], stage: '' });

/**
 * Suggestions for the timeline: the trigger event at the start, and for every event a `waitFor`
 * waits on, doing it a day later or never. Duplicates (same label) are dropped.
 */
export function scenarioSuggestions(flow: Flow): ScenarioSuggestion[] {
  const out: ScenarioSuggestion[] = [];
  for (const n of flow.nodes) {
    if (n.type === 'trigger' && n.config.on === 'event') {
      out.push({ label: `${n.config.event} at the start`, kind: 'add', event: event('PT0S', n.config.event, n.config.where) });
    }
  }
  for (const n of flow.nodes) {
    if (n.type !== 'waitFor') continue;
    const conditions: NonNullable<Condition['event']>[] = [];
    eventConditions(n.config.until, conditions);
    for (const c of conditions) {
      out.push({ label: `does ${c.type} after 1 day`, kind: 'add', event: event('P1D', c.type, c.where) });
      out.push({ label: `never does ${c.type}`, kind: 'never', type: c.type });
    }
  }
  return out.filter((s, i) => out.findIndex((o) => o.label === s.label) === i);
}

/** The draft with a suggestion applied: an event added, or every event of a type removed. */
export function applySuggestion(draft: ScenarioDraft, s: ScenarioSuggestion): ScenarioDraft {
  return s.kind === 'add'
    ? { ...draft, events: [...draft.events, s.event] }
    : { ...draft, events: draft.events.filter((e) => e.type.trim() !== s.type) };
}
