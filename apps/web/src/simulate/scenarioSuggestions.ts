import { isoDuration, type Condition, type Flow, type FlowNode, type Match } from '@hourglass/documents';
import { eventDraft, type EventDraft, type ScenarioDraft } from './scenarioDraft.ts';
import { firstLink } from './firstLink.ts';

/** A one-click change of the scenario's timeline, drawn from the flow. */
export type ScenarioSuggestion =
  { label: string; kind: 'add'; event: EventDraft; hint?: string } | { label: string; kind: 'never'; type: string; hint?: string };

const DAY = 86_400_000;
const HOUR = 3_600_000;

function eventConditions(c: Condition, out: NonNullable<Condition['event']>[]) {
  if (c.event) out.push(c.event);
  for (const sub of [...(c.all ?? []), ...(c.any ?? []), ...(c.not ? [c.not] : [])]) eventConditions(sub, out);
}

// The events the public routes record for an email (campaign spec §3), with the data they carry.
const ENGAGEMENT = ['email_opened', 'email_clicked', 'unsubscribed'];

/**
 * The data a real engagement event about the email carries, filter first: `email` and `flow`,
 * and for a click the `url` of the email's first link. Other events keep the filter alone.
 */
function engagementData(flow: Flow, type: string, where: Match | undefined): Match | undefined {
  if (!ENGAGEMENT.includes(type)) return where;
  const data: Match = { ...where };
  const node = flow.nodes.find((n) => n.id === (Array.isArray(data.email) ? data.email[0] : data.email));
  data.flow ??= flow.id;
  const url = type === 'email_clicked' && node?.type === 'sendEmail' ? firstLink(node.config.body) : undefined;
  if (url) data.url ??= url;
  return data;
}

const EMAIL_ACTIONS = [
  { type: 'email_opened', verb: 'opens' },
  { type: 'email_clicked', verb: 'clicks a link in' },
  { type: 'unsubscribed', verb: 'unsubscribes from' },
] as const;

/**
 * Suggestions for the timeline: the trigger event at the start; for every `sendEmail` the
 * scenario sends, opening it, clicking its first link and unsubscribing an hour after it goes
 * out; for every event a `waitFor` waits on, doing it a day after the contact reaches the
 * waitFor, or never; for every event a `condition` asks about, doing it an hour before the
 * contact reaches the condition, or never. Engagement events carry the data the real ones do
 * (see `engagementData`).
 * `arrivals` says when the scenario as it stands brings the contact to each node (milliseconds
 * after the start, see `nodeArrivals`); a node not reached yet is timed from the start instead,
 * and the suggestion's hint says so. Duplicates (same label) are dropped.
 */
export function scenarioSuggestions(flow: Flow, arrivals: Readonly<Record<string, number>> = {}): ScenarioSuggestion[] {
  const out: ScenarioSuggestion[] = [];
  for (const n of flow.nodes) {
    if (n.type === 'trigger' && n.config.on === 'event') {
      out.push({ label: `${n.config.event} at the start`, kind: 'add', event: eventDraft('PT0S', n.config.event, n.config.where) });
    }
  }
  const notReached = (n: FlowNode) => `The contact does not reach ${nameOf(n)} in this scenario yet, so the event is timed from the start.`;
  for (const n of flow.nodes) {
    // Only an email the scenario sends can be opened: the chips would crowd the panel otherwise.
    const sent = arrivals[n.id];
    if (n.type === 'sendEmail' && sent !== undefined) {
      for (const { type, verb } of EMAIL_ACTIONS) {
        out.push({
          label: `${verb} ${nameOf(n)} 1 hour after it is sent`,
          kind: 'add',
          event: eventDraft(isoDuration(sent + HOUR), type, engagementData(flow, type, { email: n.id })),
        });
      }
    }
    if (n.type !== 'waitFor' && n.type !== 'condition') continue;
    const conditions: NonNullable<Condition['event']>[] = [];
    eventConditions(n.type === 'waitFor' ? n.config.until : n.config.if, conditions);
    const reached = arrivals[n.id];
    for (const c of conditions) {
      const data = engagementData(flow, c.type, c.where);
      if (n.type === 'waitFor') {
        out.push(
          reached === undefined
            ? { label: `does ${c.type} after 1 day`, kind: 'add', event: eventDraft('P1D', c.type, data), hint: notReached(n) }
            : { label: `does ${c.type} 1 day after reaching ${nameOf(n)}`, kind: 'add', event: eventDraft(isoDuration(reached + DAY), c.type, data) },
        );
      } else {
        out.push(
          reached === undefined
            ? { label: `does ${c.type} at the start`, kind: 'add', event: eventDraft('PT0S', c.type, data), hint: notReached(n) }
            : { label: `does ${c.type} before reaching ${nameOf(n)}`, kind: 'add', event: eventDraft(isoDuration(Math.max(0, reached - HOUR)), c.type, data) },
        );
      }
      out.push({ label: `never does ${c.type}`, kind: 'never', type: c.type });
    }
  }
  return out.filter((s, i) => out.findIndex((o) => o.label === s.label) === i);
}

const nameOf = (n: FlowNode) => (n.label ? `"${n.label}"` : n.id);

const sameRows = (a: EventDraft['data'], b: EventDraft['data']) => a.length === b.length && a.every((r, i) => r.key === b[i]!.key && r.value === b[i]!.value);

/** Whether the draft already has what the suggestion would add (an equal event at the same time): then it is not offered. */
export function alreadyInDraft(draft: ScenarioDraft, s: ScenarioSuggestion): boolean {
  return s.kind === 'add' && draft.events.some((e) => e.at.trim() === s.event.at && e.type.trim() === s.event.type && sameRows(e.data, s.event.data));
}

/** The draft with a suggestion applied: an event added, or every event of a type removed. */
export function applySuggestion(draft: ScenarioDraft, s: ScenarioSuggestion): ScenarioDraft {
  return s.kind === 'add' ? { ...draft, events: [...draft.events, s.event] } : { ...draft, events: draft.events.filter((e) => e.type.trim() !== s.type) };
}
