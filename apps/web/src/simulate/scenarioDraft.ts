import type { Flow, Match, Scalar, Scenario, ScenarioEvent } from '@hourglass/documents';
import type { ContactDetail } from '../api/apiTypes.ts';
import { SCENARIO_FORMAT } from '@hourglass/documents';
import { formatScalar, parseScalar } from '../inspector/fields/scalarText.ts';

/** One key/value row of a form; the value is text as typed (`parseScalar` reads it). */
export interface KeyValueRow {
  key: string;
  value: string;
}

/** A scenario event as the form edits it: everything text, so half-typed values survive. */
export interface EventDraft {
  at: string;
  type: string;
  data: KeyValueRow[];
  properties: KeyValueRow[];
  stage: string;
}

/**
 * The simulate panel's form. Not the scenario document itself: the document is built from it on
 * every run and validated with `readScenario`, so that problems show at their JSON pointer.
 */
export interface ScenarioDraft {
  name: string;
  start: string;
  horizon: string;
  enrol: boolean;
  contact: { id: string; email: string; stage: string; owner: string; score: string; properties: KeyValueRow[] };
  events: EventDraft[];
}

const toRecord = (rows: readonly KeyValueRow[]): Record<string, Scalar> =>
  Object.fromEntries(rows.filter((r) => r.key.trim() !== '').map((r) => [r.key.trim(), parseScalar(r.value)]));
const toRows = (record: Record<string, Scalar> | undefined): KeyValueRow[] =>
  Object.entries(record ?? {}).map(([key, value]) => ({ key, value: formatScalar(value) }));

/** The scenario document of a draft, unvalidated: `readScenario` decides whether it is one. */
export function draftToDocument(draft: ScenarioDraft): unknown {
  const { contact } = draft;
  const score = contact.score.trim();
  return {
    format: SCENARIO_FORMAT,
    ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
    start: draft.start.trim(),
    contact: {
      id: contact.id.trim(),
      ...(contact.email.trim() ? { email: contact.email.trim() } : {}),
      ...(contact.stage ? { stage: contact.stage } : {}),
      ...(contact.owner.trim() ? { owner: contact.owner.trim() } : {}),
      ...(score ? { score: Number(score) } : {}),
      properties: toRecord(contact.properties),
    },
    enrol: draft.enrol,
    events: draft.events.map((e): Record<string, unknown> => ({
      at: e.at.trim(),
      type: e.type.trim(),
      ...(e.data.some((r) => r.key.trim()) ? { data: toRecord(e.data) } : {}),
      ...(e.properties.some((r) => r.key.trim()) ? { properties: toRecord(e.properties) } : {}),
      ...(e.stage ? { stage: e.stage } : {}),
    })),
    horizon: draft.horizon.trim(),
  };
}

export function eventToDraft(e: ScenarioEvent): EventDraft {
  return { at: e.at, type: e.type, data: toRows(e.data), properties: toRows(e.properties), stage: e.stage ?? '' };
}

/** The form of a scenario read from a file or from the server. */
export function scenarioToDraft(s: Scenario): ScenarioDraft {
  return {
    name: s.name ?? '',
    start: s.start,
    horizon: s.horizon,
    enrol: s.enrol,
    contact: {
      id: s.contact.id,
      email: s.contact.email ?? '',
      stage: s.contact.stage,
      owner: s.contact.owner ?? '',
      score: s.contact.score === undefined ? '' : String(s.contact.score),
      properties: toRows(s.contact.properties),
    },
    events: s.events.map(eventToDraft),
  };
}

/** An event of the form at `at`, its data the first allowed value of each key of `where` (so that it matches the filter). */
export function eventDraft(at: string, type: string, where: Match | undefined): EventDraft {
  const data = Object.entries(where ?? {}).map(([key, v]) => ({ key, value: formatScalar(Array.isArray(v) ? (v[0] ?? null) : v) }));
  return { at, type, data, properties: [], stage: '' };
}

/**
 * A first scenario for a flow: a test contact starting now (to the minute), enrolled by hand
 * when the flow allows it, else doing the first event trigger's event at the start. What the
 * panel shows is what runs: the first Run enrols the contact, and Export writes that event.
 */
export function initialDraft(flow: Flow, now: number): ScenarioDraft {
  const manual = flow.nodes.some((n) => n.type === 'trigger' && n.config.on === 'manual');
  const trigger = manual ? undefined : flow.nodes.find((n) => n.type === 'trigger' && n.config.on === 'event');
  const events = trigger?.type === 'trigger' && trigger.config.on === 'event' ? [eventDraft('PT0S', trigger.config.event, trigger.config.where)] : [];
  return {
    name: '',
    start: minuteOf(now),
    horizon: 'P30D',
    enrol: manual,
    contact: { id: 'c-test', email: 'test@example.com', stage: 'lead', owner: '', score: '', properties: [{ key: 'firstName', value: 'Test' }] },
    events,
  };
}

/**
 * The draft with a real contact from the server as its test contact, simulated from `now` (or
 * its last event, when that is later) on:
 * id, email, stage, owner and properties as they are; its recorded events (up to the API's
 * recent ones) become history before the start, so event conditions and the behaviour score see
 * them; the starting score is the contact's adjustments, the rest of its score coming from those
 * events and its fit. The timeline of events after the start stays.
 */
export function contactToDraft(draft: ScenarioDraft, detail: ContactDetail, now: number): ScenarioDraft {
  const c = detail.contact;
  // The next whole minute after now and after its last event, so everything the contact did is
  // history: the server's clock may be ahead of this browser's (a manual clock moved forward to
  // try waits), and an event "in the future" would otherwise be dropped with its score.
  const last = Math.max(now, ...detail.events.map((e) => Date.parse(e.at) + 1).filter((t) => !Number.isNaN(t)));
  const start = minuteOf(last + 59_999);
  const history = [...detail.events]
    .filter((e) => Date.parse(e.at) < Date.parse(start))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((e): EventDraft => ({ at: e.at, type: e.type, data: toRows(e.data), properties: [], stage: '' }));
  return {
    ...draft,
    start,
    contact: {
      id: c.id,
      email: c.email ?? '',
      stage: c.stage,
      owner: c.owner ?? '',
      score: detail.score.adjustments ? String(detail.score.adjustments) : '',
      properties: toRows(c.properties),
    },
    // Durations stay where they are after the new start; instants (another contact's history) go.
    events: [...history, ...draft.events.filter((e) => e.at.trim().startsWith('P'))],
  };
}

const minuteOf = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString().replace('.000Z', 'Z');
