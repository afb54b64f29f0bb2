import { diffFlows, type FlowDiff, type NodeChange } from './diffFlows.ts';
import { humanDuration } from './duration.ts';
import type { Flow, FlowEdge, FlowNode, NodeType } from './flow.ts';

/** The name of each node type as a marketer reads it, on the canvas and in sentences. */
export const NODE_TITLES: Record<NodeType, string> = {
  trigger: 'Trigger',
  wait: 'Wait',
  waitFor: 'Wait for',
  sendEmail: 'Send email',
  condition: 'Condition',
  split: 'Split',
  update: 'Update',
  handoff: 'Sales handoff',
  exit: 'Exit',
};

/** What changed between two flows, in sentences a marketer reads (the publish dialog, the version history). */
export interface FlowDiffInWords {
  /** Name, description and settings. */
  flow: string[];
  stepsAdded: string[];
  stepsRemoved: string[];
  /** One sentence per changed field: `Wait “Give them time” changed from 3 days to 5 days`. */
  stepsChanged: string[];
  connectionsAdded: string[];
  connectionsRemoved: string[];
  /** Steps that only moved on the canvas. */
  movedOnly: number;
}

const quote = (s: string) => `“${s}”`;
const MAX_TEXT = 60;
const DURATION_KEYS = new Set(['for', 'timeout', 'within', 'offset']);
const OPS: Record<string, string> = {
  eq: '=',
  ne: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  in: 'in',
  contains: 'contains',
  exists: 'is set',
  all: 'all of',
  any: 'any of',
  not: 'not',
};
/** Texts too long to quote in a sentence: only that they changed is said. */
const UNQUOTED = new Set(['sendEmail.body', 'flow.description']);

/** A step as a marketer names it: `Wait “Give them time”`, or its id when it has no label. */
export function stepName(node: Pick<FlowNode, 'id' | 'type' | 'label'>): string {
  return `${NODE_TITLES[node.type] ?? node.type} ${quote(node.label || node.id)}`;
}

type Leaf = { path: string[]; value: unknown };
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// Objects are walked down to their values; an array is one value (a list is changed as a whole).
function leaves(value: unknown, path: string[] = [], into = new Map<string, Leaf>()): Map<string, Leaf> {
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) if (v !== undefined) leaves(v, [...path, k], into);
  } else {
    into.set(path.join('\u0000'), { path, value });
  }
  return into;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    return ka.length === Object.keys(b).filter((k) => b[k] !== undefined).length && ka.every((k) => same(a[k], b[k]));
  }
  return false;
}

const stageText = (v: unknown) => (v === 'mql' || v === 'sql' ? v.toUpperCase() : String(v));

/** A value in a sentence, or null when it is too complex to say in a few words. */
function valueText(path: string[], v: unknown): string | null {
  const key = path.at(-1) ?? '';
  if (typeof v === 'string') {
    if (DURATION_KEYS.has(key)) return humanDuration(v);
    if (key === 'stage') return stageText(v);
    return quote(v.length > MAX_TEXT ? `${v.slice(0, MAX_TEXT - 1)}…` : v);
  }
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (v === null) return 'nothing';
  if (Array.isArray(v)) {
    if (v.every((x) => !isPlainObject(x) && !Array.isArray(x))) return v.length ? v.map((x) => (typeof x === 'string' ? x : String(x))).join(', ') : 'none';
    // Split branches: "a 50 / b 50".
    if (v.every((x) => isPlainObject(x) && Object.values(x).every((y) => !isPlainObject(y) && !Array.isArray(y)))) {
      return v.map((x) => Object.values(x as Record<string, unknown>).join(' ')).join(' / ');
    }
  }
  return null;
}

// A path in a condition as words: ["score", "gte"] → "score ≥", ["property", "in"] → "country in".
function conditionWords(path: string[], condition: unknown): string {
  const words: string[] = [];
  let at: unknown = condition;
  for (const [i, segment] of path.entries()) {
    const next = isPlainObject(at) ? at[segment] : undefined;
    const last = path[i + 1] === undefined;
    if (segment === 'property') {
      if (path[i + 1] !== 'name' && isPlainObject(next) && typeof next.name === 'string') words.push(next.name);
      else if (last) words.push('property');
    } else if (segment === 'name' && path[i - 1] === 'property') words.push('property');
    else if (segment === 'event') {
      if (last) words.push('event');
    } else if (segment === 'where') words.push('filter');
    else if (segment === 'type' && path[i - 1] === 'event') words.push('event');
    else words.push(OPS[segment] ?? segment);
    at = next;
  }
  return words.join(' ');
}

// What a config field is called; '' for the one setting that is the step itself (a wait's duration).
function fieldName(type: NodeType, path: string[], config: unknown): string {
  const [first = '', second = '', ...rest] = path;
  switch (type) {
    case 'trigger':
      if (first === 'where') return `filter ${quote(second)}`;
      return { on: 'kind of trigger', event: 'event', stage: 'stage', gte: 'score threshold' }[first] ?? first;
    case 'wait':
      if (first === 'for') return '';
      return { time: 'time of day', days: 'days', at: 'date', property: 'date property', offset: 'offset' }[second] ?? second;
    case 'waitFor':
      if (first === 'timeout') return 'timeout';
      return conditionWords([second, ...rest], isPlainObject(config) ? config.until : undefined);
    case 'sendEmail':
      return { subject: 'subject', body: 'body', from: 'sender', content: 'content stage' }[first] ?? first;
    case 'condition':
      return conditionWords([second, ...rest], isPlainObject(config) ? config.if : undefined);
    case 'split':
      return 'branches';
    case 'update':
      if (first === 'set') return `property ${quote(second)}`;
      return { addScore: 'score change', stage: 'stage' }[first] ?? first;
    case 'handoff':
      return { routing: 'routing rules', roundRobin: 'round robin', fallback: 'fallback owner', stage: 'stage', notify: 'owner notification' }[first] ?? first;
    case 'exit':
      return first;
  }
}

/** Sentences for the leaves that differ between two values, named by `name`. */
function leafChanges(
  subject: string,
  before: unknown,
  after: unknown,
  name: (path: string[], within: unknown) => string,
  unquoted: (path: string[]) => boolean,
): string[] {
  const a = leaves(before);
  const b = leaves(after);
  const sentences: string[] = [];
  const say = (path: string[], what: string) => {
    const field = name(path, b.has(path.join('\u0000')) ? after : before);
    sentences.push(field ? `${subject}: ${field} ${what}` : `${subject} ${what}`);
  };
  for (const [key, { path, value }] of b) {
    const old = a.get(key);
    const now = unquoted(path) ? null : valueText(path, value);
    if (!old) say(path, now === null ? 'added' : `set to ${now}`);
    else if (!same(old.value, value)) {
      const was = unquoted(path) ? null : valueText(path, old.value);
      say(path, was === null || now === null ? 'changed' : `changed from ${was} to ${now}`);
    }
  }
  for (const [key, { path, value }] of a) {
    if (b.has(key)) continue;
    const was = unquoted(path) ? null : valueText(path, value);
    say(path, was === null ? 'removed' : `removed (was ${was})`);
  }
  return sentences;
}

/** What changed in one step, a sentence per field: `Wait “Give them time” changed from 3 days to 5 days`. */
export function describeNodeChange({ before, after }: NodeChange): string[] {
  if (before.type !== after.type) return [`${stepName(before)} is now a ${NODE_TITLES[after.type]} step`];
  const sentences: string[] = [];
  if ((before.label ?? '') !== (after.label ?? '')) {
    sentences.push(
      after.label ? `${stepName(before)} renamed to ${quote(after.label)}` : `${stepName(before)} has no label any more (shown as ${quote(after.id)})`,
    );
  }
  sentences.push(
    ...leafChanges(
      stepName(after),
      before.config,
      after.config,
      (path, config) => fieldName(after.type, path, config),
      (path) => UNQUOTED.has(`${after.type}.${path.join('.')}`),
    ),
  );
  return sentences;
}

const SETTING_NAMES: Record<string, string> = { timezone: 'time zone', reentry: 're-entry' };
const WINDOW_NAMES: Record<string, string> = { days: 'days', from: 'opening time', to: 'closing time' };

function settingName(path: string[], settings: unknown): string {
  const [first = '', ...rest] = path;
  if (first === 'goal') return `goal ${conditionWords(rest, isPlainObject(settings) ? settings.goal : undefined)}`.trim();
  if (first === 'sendWindow') return `send window ${WINDOW_NAMES[rest[0] ?? ''] ?? rest[0] ?? ''}`.trim();
  return SETTING_NAMES[first] ?? first;
}

/** A connection in words: `“Clicked within 3 days?” (met) → “Case study”`. */
export function describeEdge(edge: FlowEdge, nodes: ReadonlyMap<string, Pick<FlowNode, 'id' | 'label'>>): string {
  const name = (id: string) => quote(nodes.get(id)?.label || id);
  return `${name(edge.from)}${edge.port ? ` (${edge.port})` : ''} → ${name(edge.to)}`;
}

/** Everything that changed from `before` to `after`, in sentences (positions only counted). */
export function describeFlowDiff(before: Flow, after: Flow, diff: FlowDiff = diffFlows(before, after)): FlowDiffInWords {
  const oldNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const newNodes = new Map(after.nodes.map((n) => [n.id, n]));
  const flow: string[] = [];
  if (diff.flowChanged.includes('name')) flow.push(`Name changed from ${quote(before.name)} to ${quote(after.name)}`);
  if (diff.flowChanged.includes('description')) flow.push(after.description ? 'Description changed' : 'Description removed');
  if (diff.flowChanged.includes('settings')) {
    flow.push(...leafChanges('Settings', before.settings, after.settings, settingName, () => false));
  }
  return {
    flow,
    stepsAdded: diff.nodesAdded.map(stepName),
    stepsRemoved: diff.nodesRemoved.map(stepName),
    stepsChanged: diff.nodesChanged.flatMap(describeNodeChange),
    connectionsAdded: diff.edgesAdded.map((e) => describeEdge(e, newNodes)),
    connectionsRemoved: diff.edgesRemoved.map((e) => describeEdge(e, oldNodes)),
    movedOnly: diff.nodesMoved.length,
  };
}
