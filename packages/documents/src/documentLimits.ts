import { toPointer, type Problem } from './problem.ts';

/**
 * Hard limits on documents, checked on the raw JSON before any schema runs: zod and the graph
 * checks recurse, so a document past these limits could overflow the stack instead of being
 * refused. Every walk here is iterative.
 */
/**
 * How deeply any document may nest objects and arrays: room for conditions at their limit (an
 * `all` level is two JSON levels) inside a handoff's routing, far below what overflows the stack.
 */
export const MAX_DOCUMENT_DEPTH = 100;
/** How deeply conditions may nest (`all`, `any`, `not` inside each other); a plain condition is level 1. */
export const MAX_CONDITION_DEPTH = 32;
/** How many nodes a flow may have (the editor's benchmark draws 1,000). */
export const MAX_FLOW_NODES = 5000;
/** How many arrows a flow may have. */
export const MAX_FLOW_EDGES = 10000;

/** Problem codes of the hard limits: a draft with one of these cannot be saved. */
export const LIMIT_CODES: readonly string[] = ['too-deep', 'condition-too-deep', 'too-many-nodes', 'too-many-edges'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Frame {
  value: unknown;
  depth: number;
  key: PropertyKey | undefined;
  parent: Frame | undefined;
}

function pathOf(frame: Frame): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) path.push(f.key);
  return path.reverse();
}

/** Refuses a document that nests objects and arrays deeper than `MAX_DOCUMENT_DEPTH`. */
export function documentDepthProblem(doc: unknown): Problem | null {
  const stack: Frame[] = [{ value: doc, depth: 1, key: undefined, parent: undefined }];
  while (stack.length) {
    const frame = stack.pop()!;
    const { value, depth } = frame;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DOCUMENT_DEPTH) {
      return {
        severity: 'error',
        code: 'too-deep',
        pointer: toPointer(pathOf(frame)),
        message: `This document nests lists and objects more than ${MAX_DOCUMENT_DEPTH} levels deep; Hourglass reads at most ${MAX_DOCUMENT_DEPTH} levels. Flatten it.`,
      };
    }
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, depth: depth + 1, key: i, parent: frame }));
    else for (const key in value) stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, key, parent: frame });
  }
  return null;
}

/** Refuses a condition whose `all`, `any` and `not` nest deeper than `MAX_CONDITION_DEPTH`. */
export function conditionDepthProblem(condition: unknown, at: readonly PropertyKey[], nodeId?: string): Problem | null {
  const stack: { value: unknown; depth: number; path: readonly PropertyKey[] }[] = [{ value: condition, depth: 1, path: at }];
  while (stack.length) {
    const { value, depth, path } = stack.pop()!;
    if (!isObject(value)) continue;
    if (depth > MAX_CONDITION_DEPTH) {
      const message = `this condition nests all, any and not more than ${MAX_CONDITION_DEPTH} levels deep; a condition has at most ${MAX_CONDITION_DEPTH} levels. Simplify it.`;
      return {
        severity: 'error',
        code: 'condition-too-deep',
        pointer: toPointer(path),
        ...(nodeId ? { nodeId, message: `Node "${nodeId}": ${message}` } : { message: message[0]!.toUpperCase() + message.slice(1) }),
      };
    }
    for (const key of ['all', 'any'] as const) {
      const list = value[key];
      if (Array.isArray(list)) list.forEach((c, i) => stack.push({ value: c, depth: depth + 1, path: [...path, key, i] }));
    }
    if (value.not !== undefined) stack.push({ value: value.not, depth: depth + 1, path: [...path, 'not'] });
  }
  return null;
}

/** Where a flow holds conditions (spec §2): condition and wait-for nodes, handoff routing, the goal. */
function flowConditions(doc: Record<string, unknown>): { condition: unknown; at: PropertyKey[]; nodeId?: string }[] {
  const found: { condition: unknown; at: PropertyKey[]; nodeId?: string }[] = [];
  const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  nodes.forEach((n, i) => {
    if (!isObject(n) || !isObject(n.config)) return;
    const nodeId = typeof n.id === 'string' ? n.id : undefined;
    const at = (...rest: PropertyKey[]) => ({ at: ['nodes', i, 'config', ...rest], ...(nodeId ? { nodeId } : {}) });
    if (n.config.if !== undefined) found.push({ condition: n.config.if, ...at('if') });
    if (n.config.until !== undefined) found.push({ condition: n.config.until, ...at('until') });
    if (Array.isArray(n.config.routing)) {
      n.config.routing.forEach((r, j) => isObject(r) && r.if !== undefined && found.push({ condition: r.if, ...at('routing', j, 'if') }));
    }
  });
  if (isObject(doc.settings) && doc.settings.goal !== undefined) found.push({ condition: doc.settings.goal, at: ['settings', 'goal'] });
  return found;
}

/** The hard limits of a flow: number of nodes and arrows, condition nesting, depth. */
export function flowLimitProblems(doc: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  if (Array.isArray(doc.nodes) && doc.nodes.length > MAX_FLOW_NODES) {
    problems.push({
      severity: 'error',
      code: 'too-many-nodes',
      pointer: '/nodes',
      message: `This flow has ${doc.nodes.length} nodes; a flow has at most ${MAX_FLOW_NODES}. Split it into several flows.`,
    });
  }
  if (Array.isArray(doc.edges) && doc.edges.length > MAX_FLOW_EDGES) {
    problems.push({
      severity: 'error',
      code: 'too-many-edges',
      pointer: '/edges',
      message: `This flow has ${doc.edges.length} arrows; a flow has at most ${MAX_FLOW_EDGES}. Split it into several flows.`,
    });
  }
  const conditions = flowConditions(doc).flatMap(({ condition, at, nodeId }) => conditionDepthProblem(condition, at, nodeId) ?? []);
  problems.push(...conditions);
  // A condition too deep is the more precise sentence for what is usually also too deep a document.
  const deep = conditions.length ? null : documentDepthProblem(doc);
  if (deep) problems.push(deep);
  return problems;
}

/** The hard limits of a scoring model: the nesting of its fit rules' conditions, depth. */
export function scoringLimitProblems(doc: unknown): Problem[] {
  const fit = isObject(doc) && Array.isArray(doc.fit) ? doc.fit : [];
  const conditions = fit.flatMap((rule, i) => (isObject(rule) ? (conditionDepthProblem(rule.if, ['fit', i, 'if']) ?? []) : []));
  const deep = conditions.length ? null : documentDepthProblem(doc);
  return deep ? [deep] : conditions;
}
