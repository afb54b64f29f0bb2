import type { Condition, EngagementModel, Flow, FlowNode, Forecast, ScoringModel } from '@hourglass/documents';

/** A step no synthetic contact got past, and what about the cohort explains it. */
export interface ForecastShortfall {
  node: string;
  /** Properties the step's condition (or the fit rules of a score it asks for) reads that the cohort never sets. */
  missingProperties: string[];
  /** Events the condition (or the behaviour rules of a score) counts that no synthetic contact ever does. */
  missingEvents: string[];
  /** Whether the condition asks for a lifecycle stage. */
  asksStage: boolean;
  /** "No synthetic contact meets “Score ≥ 50?”: fit rules need employees, industry, which the cohort does not set." */
  sentence: string;
}

/** What a condition reads: properties, events, the stage, and whether it asks for the score. */
interface Reads {
  properties: Set<string>;
  events: Set<string>;
  stage: boolean;
  score: boolean;
}

function reads(c: Condition, into: Reads = { properties: new Set(), events: new Set(), stage: false, score: false }): Reads {
  if (c.score) into.score = true;
  if (c.stage) into.stage = true;
  if (c.property) into.properties.add(c.property.name);
  if (c.event) into.events.add(c.event.type);
  for (const sub of [...(c.all ?? []), ...(c.any ?? []), ...(c.not ? [c.not] : [])]) reads(sub, into);
  return into;
}

/**
 * The contact properties a flow and its scoring model read: in conditions, waits for a
 * condition, the goal, handoff routing and fit rules. A cohort needs them to get anywhere.
 */
export function propertiesRead(flow: Flow, scoring?: ScoringModel): string[] {
  const r: Reads = { properties: new Set(), events: new Set(), stage: false, score: false };
  for (const n of flow.nodes) {
    if (n.type === 'condition') reads(n.config.if, r);
    if (n.type === 'waitFor') reads(n.config.until, r);
    if (n.type === 'handoff') for (const rule of n.config.routing ?? []) reads(rule.if, r);
    if (n.type === 'wait' && 'until' in n.config && 'property' in n.config.until) r.properties.add(n.config.until.property);
  }
  if (flow.settings.goal) reads(flow.settings.goal, r);
  for (const rule of scoring?.fit ?? []) reads(rule.if, r);
  return [...r.properties].sort();
}

/** The events synthetic contacts can produce under the model: its own, reactions to emails, and the way in. */
function cohortEvents(flow: Flow, model: EngagementModel): Set<string> {
  const events = new Set(model.events.filter((e) => e.probability > 0).map((e) => e.type));
  const reactions = [model.emails.default, ...Object.values(model.emails.nodes)];
  if (flow.nodes.some((n) => n.type === 'sendEmail')) {
    if (reactions.some((r) => (r.open?.probability ?? 0) > 0 || (r.click?.probability ?? 0) > 0)) events.add('email_opened');
    if (reactions.some((r) => (r.click?.probability ?? 0) > 0)) events.add('email_clicked');
  }
  const trigger = flow.nodes.find((n) => n.type === 'trigger');
  if (model.entry === 'trigger' && trigger?.type === 'trigger' && trigger.config.on === 'event') events.add(trigger.config.event);
  return events;
}

/** The condition a step stands or falls by, and the port its contacts leave by when it holds. */
function gate(n: FlowNode): { condition: Condition; port?: string } | undefined {
  switch (n.type) {
    case 'condition':
      return { condition: n.config.if, port: 'yes' };
    case 'waitFor':
      return { condition: n.config.until, port: 'met' };
    case 'trigger':
      if (n.config.on === 'score') return { condition: { score: { gte: n.config.gte } } };
      if (n.config.on === 'stage') return { condition: { stage: { gte: n.config.stage } } };
      return undefined;
    default:
      return undefined;
  }
}

const list = (names: Iterable<string>) => [...names].sort().join(', ');

/**
 * Why a forecast shows nobody past a step: for every condition whose "yes" (or waitFor whose
 * "met") no synthetic contact took although some reached it, and every score or stage trigger no
 * one entered by, what the step reads that the cohort never has. Fit rules read properties, so
 * a score out of reach often comes down to properties the cohort model does not set.
 */
export function forecastShortfalls(flow: Flow, forecast: Forecast, model: EngagementModel, scoring?: ScoringModel): ForecastShortfall[] {
  const has = new Set(Object.keys(model.contacts.properties));
  const does = cohortEvents(flow, model);
  const out: ForecastShortfall[] = [];
  for (const n of flow.nodes) {
    const g = gate(n);
    if (!g) continue;
    const entered = forecast.nodes[n.id]?.entered ?? 0;
    if (n.type === 'trigger') {
      if (entered > 0 || forecast.contacts === 0) continue;
    } else {
      const leaving = forecast.edges.filter((e) => e.from === n.id && e.port === g.port);
      if (entered === 0 || leaving.length === 0 || leaving.some((e) => e.taken > 0)) continue;
    }
    const r = reads(g.condition);
    const fit = new Set<string>();
    const behaviour = new Set<string>();
    if (r.score) {
      for (const rule of scoring?.fit ?? []) for (const p of reads(rule.if).properties) if (!has.has(p)) fit.add(p);
      for (const rule of scoring?.behaviour ?? []) if (rule.points > 0 && !does.has(rule.event)) behaviour.add(rule.event);
    }
    const properties = [...r.properties].filter((p) => !has.has(p));
    const events = [...r.events].filter((e) => !does.has(e));
    const reasons: string[] = [];
    if (fit.size) reasons.push(`fit rules need ${list(fit)}, which the cohort does not set`);
    if (properties.length) reasons.push(`it reads ${list(properties)}, which the cohort does not set`);
    if (events.length) reasons.push(`it waits for ${list(events)}, which no synthetic contact does`);
    if (behaviour.size) reasons.push(`behaviour rules count ${list(behaviour)}, which no synthetic contact does`);
    if (r.stage) reasons.push(`it asks for a stage: check the cohort’s stage mix`);
    const name = `“${n.label ?? n.id}”`;
    const what = n.type === 'trigger' ? `No synthetic contact enters by ${name}` : `No synthetic contact meets ${name}`;
    out.push({
      node: n.id,
      missingProperties: [...new Set([...fit, ...properties])].sort(),
      missingEvents: [...new Set([...events, ...behaviour])].sort(),
      asksStage: r.stage,
      sentence: reasons.length ? `${what}: ${reasons.join('; ')}.` : `${what}: raise the cohort’s engagement or set its properties.`,
    });
  }
  return out;
}
