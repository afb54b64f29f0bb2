import {
  durationMs,
  FORECAST_FORMAT,
  parseInstant,
  type EngagementModel,
  type Flow,
  type Forecast,
  type NodeOfType,
  type Scalar,
  type ScoringModel,
  type Stage,
} from '@hourglass/documents';
import { driveInputs } from './driveInputs.ts';
import { Engine, type InputEvent, type StepperKind } from './engine.ts';
import { MemoryStore } from './memoryStore.ts';
import { contactRandom, pickWeighted, type Random } from './random.ts';

export interface ForecastOptions {
  flow: Flow;
  model: EngagementModel;
  contacts: number;
  seed: number;
  scoring?: ScoringModel;
  /**
   * The table stepper unless said otherwise: the same machine as XState's, checked against it by
   * the tests, at the speed a 100,000-contact forecast needs.
   */
  stepper?: StepperKind;
  /** Called now and then with the number of contacts done, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

/** The counts one or more contacts add to a forecast; tallies of parts add up (workers). */
export interface ForecastTally {
  contacts: number;
  nodes: Record<string, number>;
  edges: Record<string, number>;
  outcomes: Forecast['outcomes'];
  handoffs: Record<string, number>;
  handoffHours: number[];
  sent: number;
  suppressed: number;
}

export function emptyTally(flow: Flow): ForecastTally {
  return {
    contacts: 0,
    nodes: Object.fromEntries(flow.nodes.map((n) => [n.id, 0])),
    edges: Object.fromEntries(flow.edges.map((e) => [edgeKey(e.from, e.port), 0])),
    outcomes: { completed: 0, goal: 0, active: 0, 'not-enrolled': 0 },
    handoffs: {},
    handoffHours: [],
    sent: 0,
    suppressed: 0,
  };
}

const edgeKey = (from: string, port?: string) => `${from}\u0000${port ?? ''}`;
const HOUR = 3_600_000;

function drawProperty(d: EngagementModel['contacts']['properties'][string], random: Random): Scalar {
  if ('value' in d) return d.value;
  if ('choice' in d) return pickWeighted(d.choice, random) ?? null;
  const [lo, hi] = d.uniform;
  const v = lo + random() * (hi - lo);
  return d.integer ? Math.floor(v) : v;
}

/** The input that makes a synthetic contact enter through the flow's first trigger. */
function entryInput(trigger: NodeOfType<'trigger'> | undefined, contactId: string, at: number): InputEvent | 'enrol' | undefined {
  if (!trigger) return undefined;
  const c = trigger.config;
  switch (c.on) {
    case 'event': {
      const data = Object.fromEntries(Object.entries(c.where ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v[0]! : v]));
      return { contactId, at, type: c.event, data };
    }
    case 'stage':
      return { contactId, at, type: 'stage_changed', stage: c.stage };
    case 'score':
      return undefined; // reached through the model's events, like a real contact
    case 'manual':
      return 'enrol';
  }
}

/**
 * Runs synthetic contacts `from` (inclusive) `to` (exclusive) of a forecast through the flow and
 * counts what happened. Each contact has its own store and random source, so the result depends
 * only on the seed and the index: the browser, a worker and the command line agree.
 */
export function forecastRange(options: ForecastOptions, from: number, to: number, tally = emptyTally(options.flow)): ForecastTally {
  const { flow, model, seed, scoring, stepper = 'table' } = options;
  const start = parseInstant(model.start)!;
  const horizon = durationMs(model.horizon);
  const spread = durationMs(model.arrivals);
  const trigger = flow.nodes.find((n): n is NodeOfType<'trigger'> => n.type === 'trigger');
  const edgeOf = new Map(flow.edges.map((e) => [edgeKey(e.from, e.port), e]));

  // Contacts never meet: each runs alone in the store, which is emptied before the next.
  const store = new MemoryStore();
  const engine = new Engine({ store, scoring, stepper, renderEmails: false });
  engine.addFlow(flow, 1);
  for (let i = from; i < to; i++) {
    const random = contactRandom(seed, i);
    const id = `forecast-${i}`;
    const arrival = start + Math.floor(random() * spread);
    const end = arrival + horizon;
    store.clear();
    const properties: Record<string, Scalar> = {};
    for (const [name, d] of Object.entries(model.contacts.properties)) properties[name] = drawProperty(d, random);
    if (random() < model.contacts.unsubscribed) properties.unsubscribed = true;
    const stage: Stage = (model.contacts.stages && pickWeighted(model.contacts.stages, random)) || 'lead';
    const email = random() < model.contacts.withEmail ? `${id}@example.com` : undefined;
    engine.putContact({ id, ...(email ? { email } : {}), stage, owner: null, properties, adjustments: 0 });

    // Pending inputs, kept sorted by instant (ties in the order they were planned).
    const queue: InputEvent[] = [];
    const plan = (input: InputEvent) => {
      if (input.at > end) return;
      let k = queue.length;
      while (k > 0 && queue[k - 1]!.at > input.at) k--;
      queue.splice(k, 0, input);
    };
    const entry = model.entry === 'trigger' ? entryInput(trigger, id, arrival) : undefined;
    if (entry && entry !== 'enrol') plan(entry);
    for (const ev of model.events) {
      const every = ev.every ? durationMs(ev.every) : 0;
      for (let at = arrival + durationMs(ev.at); at <= end; at += every) {
        if (random() < ev.probability) plan({ contactId: id, at, type: ev.type, data: ev.data, properties: ev.properties, stage: ev.stage });
        if (!every) break;
      }
    }
    if (entry === 'enrol') engine.enrol(flow.id, id, arrival);

    let seenEmails = 0;
    const react = () => {
      const emails = store.emailsOf(id);
      for (; seenEmails < emails.length; seenEmails++) {
        const m = emails[seenEmails]!;
        if (m.kind !== 'marketing' || m.suppressed) continue;
        const e = model.emails.nodes[m.node] ?? model.emails.default;
        const click = e.click && random() < e.click.probability ? m.at + durationMs(e.click.delay) : undefined;
        const open = e.open && random() < e.open.probability ? m.at + durationMs(e.open.delay) : click;
        if (open !== undefined) plan({ contactId: id, at: Math.min(open, click ?? open), type: 'email_opened', data: { email: m.node } });
        if (click !== undefined) plan({ contactId: id, at: click, type: 'email_clicked', data: { email: m.node } });
      }
    };
    react();
    driveInputs(engine, { peek: () => queue[0], take: () => void queue.shift() }, (input) => engine.ingest(input), { until: end, after: react });
    count(tally, flow, store, id, edgeOf);
  }
  return tally;
}

function count(tally: ForecastTally, flow: Flow, store: MemoryStore, id: string, edgeOf: Map<string, { from: string; to: string; port?: string }>) {
  tally.contacts++;
  const enrolments = store.enrolmentsOf(flow.id, id);
  const last = enrolments[enrolments.length - 1];
  tally.outcomes[last ? last.status : 'not-enrolled']++;
  for (const e of enrolments) {
    const steps = store.stepsOf(e.id);
    steps.forEach((s, k) => {
      tally.nodes[s.node] = (tally.nodes[s.node] ?? 0) + 1;
      const nextStep = steps[k + 1];
      const key = edgeKey(s.node, s.port);
      if (nextStep && edgeOf.get(key)?.to === nextStep.node) tally.edges[key] = (tally.edges[key] ?? 0) + 1;
    });
  }
  const handoffs = store.handoffsOf(id);
  for (const h of handoffs) tally.handoffs[h.owner ?? '(no owner)'] = (tally.handoffs[h.owner ?? '(no owner)'] ?? 0) + 1;
  const first = handoffs[0];
  const enrolment = first && enrolments.find((e) => e.id === first.enrolmentId);
  if (first && enrolment) tally.handoffHours.push((first.at - enrolment.enteredAt) / HOUR);
  for (const m of store.emailsOf(id)) {
    if (m.kind !== 'marketing') continue;
    if (m.suppressed) tally.suppressed++;
    else tally.sent++;
  }
}

/** Adds tally `b` into `a` (workers' parts into the whole). */
export function mergeTally(a: ForecastTally, b: ForecastTally): ForecastTally {
  a.contacts += b.contacts;
  for (const [k, v] of Object.entries(b.nodes)) a.nodes[k] = (a.nodes[k] ?? 0) + v;
  for (const [k, v] of Object.entries(b.edges)) a.edges[k] = (a.edges[k] ?? 0) + v;
  for (const k of Object.keys(a.outcomes) as (keyof Forecast['outcomes'])[]) a.outcomes[k] += b.outcomes[k];
  for (const [k, v] of Object.entries(b.handoffs)) a.handoffs[k] = (a.handoffs[k] ?? 0) + v;
  a.handoffHours.push(...b.handoffHours);
  a.sent += b.sent;
  a.suppressed += b.suppressed;
  return a;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : null);
const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/** Turns a tally into the `hourglass.forecast/1` document. */
export function forecastDocument(flow: Flow, tally: ForecastTally, seed: number): Forecast {
  const hours = [...tally.handoffHours].sort((x, y) => x - y);
  const bounds = [1, 24, 72, 168, 336, 720, 1440, 2160];
  const histogram = bounds.map((upTo, k) => ({ upTo, contacts: hours.filter((h) => h <= upTo && (k === 0 || h > bounds[k - 1]!)).length }));
  const beyond = hours.filter((h) => h > bounds[bounds.length - 1]!).length;
  if (beyond) histogram.push({ upTo: Infinity, contacts: beyond });
  return {
    format: FORECAST_FORMAT,
    flow: flow.id,
    contacts: tally.contacts,
    seed,
    nodes: Object.fromEntries(flow.nodes.map((n) => [n.id, { entered: tally.nodes[n.id] ?? 0 }])),
    edges: flow.edges.map((e) => ({ from: e.from, to: e.to, ...(e.port ? { port: e.port } : {}), taken: tally.edges[edgeKey(e.from, e.port)] ?? 0 })),
    outcomes: tally.outcomes,
    handoffs: tally.handoffs,
    timeToHandoffHours: {
      count: hours.length,
      p10: round(percentile(hours, 0.1)),
      p50: round(percentile(hours, 0.5)),
      p90: round(percentile(hours, 0.9)),
      histogram,
    },
    emails: { sent: tally.sent, suppressed: tally.suppressed },
  };
}

/** Runs a whole forecast in this thread (spec: issue "Simulate and forecast"). */
export function forecast(options: ForecastOptions): Forecast {
  const tally = emptyTally(options.flow);
  const chunk = 500;
  for (let from = 0; from < options.contacts; from += chunk) {
    forecastRange(options, from, Math.min(options.contacts, from + chunk), tally);
    options.onProgress?.(Math.min(options.contacts, from + chunk), options.contacts);
  }
  return forecastDocument(options.flow, tally, options.seed);
}
