import { isoDuration, type Condition, type Flow, type FlowNode, type Match, type Scalar } from '@hourglass/documents';
import { formatScalar } from '../inspector/fields/scalarText.ts';
import type { EventDraft, KeyValueRow, ScenarioDraft } from './scenarioDraft.ts';

/** A one-click change of the scenario's timeline, drawn from the flow. */
export type ScenarioSuggestion =
  | { label: string; kind: 'add'; event: EventDraft; hint?: string }
  | { label: string; kind: 'never'; type: string; hint?: string };

const DAY = 86_400_000;
const HOUR = 3_600_000;

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
 * Suggestions for the timeline: the trigger event at the start; for every event a `waitFor`
 * waits on, doing it a day after the contact reaches the waitFor, or never; for every event a
 * `condition` asks about, doing it an hour before the contact reaches the condition, or never.
 * `arrivals` says when the scenario as it stands brings the contact to each node (milliseconds
 * after the start, see `nodeArrivals`); a node not reached yet is timed from the start instead,
 * and the suggestion's hint says so. Duplicates (same label) are dropped.
 */
export function scenarioSuggestions(flow: Flow, arrivals: Readonly<Record<string, number>> = {}): ScenarioSuggestion[] {
  const out: ScenarioSuggestion[] = [];
  for (const n of flow.nodes) {
    if (n.type === 'trigger' && n.config.on === 'event') {
      out.push({ label: `${n.config.event} at the start`, kind: 'add', event: event('PT0S', n.config.event, n.config.where) });
    }
  }
  const notReached = (n: FlowNode) => `The contact does not reach ${nameOf(n)} in this scenario yet, so the event is timed from the start.`;
  for (const n of flow.nodes) {
    if (n.type !== 'waitFor' && n.type !== 'condition') continue;
    const conditions: NonNullable<Condition['event']>[] = [];
    eventConditions(n.type === 'waitFor' ? n.config.until : n.config.if, conditions);
    const reached = arrivals[n.id];
    for (const c of conditions) {
      if (n.type === 'waitFor') {
        out.push(reached === undefined
          ? { label: `does ${c.type} after 1 day`, kind: 'add', event: event('P1D', c.type, c.where), hint: notReached(n) }
          : { label: `does ${c.type} 1 day after reaching ${nameOf(n)}`, kind: 'add', event: event(isoDuration(reached + DAY), c.type, c.where) });
      } else {
        out.push(reached === undefined
          ? { label: `does ${c.type} at the start`, kind: 'add', event: event('PT0S', c.type, c.where), hint: notReached(n) }
          : { label: `does ${c.type} before reaching ${nameOf(n)}`, kind: 'add', event: event(isoDuration(Math.max(0, reached - HOUR)), c.type, c.where) });
      }
      out.push({ label: `never does ${c.type}`, kind: 'never', type: c.type });
    }
  }
  return out.filter((s, i) => out.findIndex((o) => o.label === s.label) === i);
}

const nameOf = (n: FlowNode) => (n.label ? `"${n.label}"` : n.id);

/** The draft with a suggestion applied: an event added, or every event of a type removed. */
export function applySuggestion(draft: ScenarioDraft, s: ScenarioSuggestion): ScenarioDraft {
  return s.kind === 'add'
    ? { ...draft, events: [...draft.events, s.event] }
    : { ...draft, events: draft.events.filter((e) => e.type.trim() !== s.type) };
}
