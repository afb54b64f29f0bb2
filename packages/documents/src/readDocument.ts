import type { z } from 'zod';
import { FLOW_FORMAT } from './flow.ts';
import { SCORING_FORMAT, ScoringModel } from './scoring.ts';
import { SCENARIO_FORMAT, Scenario } from './scenario.ts';
import { TRACE_FORMAT } from './trace.ts';
import { ENGAGEMENT_FORMAT, EngagementModel } from './engagement.ts';
import { hasErrors, toPointer, type Problem } from './problem.ts';
import { problemsFromZod } from './zodProblems.ts';
import { validateFlow, type FlowValidation } from './validateFlow.ts';
import { documentDepthProblem, scoringLimitProblems } from './documentLimits.ts';

export const FORMATS = { flow: FLOW_FORMAT, scoring: SCORING_FORMAT, scenario: SCENARIO_FORMAT, trace: TRACE_FORMAT, engagement: ENGAGEMENT_FORMAT } as const;
export type DocumentKind = keyof typeof FORMATS;

/**
 * Parses JSON text, reporting a syntax error as a problem rather than an exception. A `__proto__`
 * key is refused: JSON.parse makes it an own property, which zod then drops without a word and
 * which `Object.assign` or `obj[key] = …` would turn into a prototype change.
 */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const detail = (e as Error).message.replace(/^JSON\.parse: /, '');
    return { ok: false, problem: { severity: 'error', code: 'not-json', pointer: '', message: `This file is not valid JSON: ${detail}` } };
  }
  // The key can only be there if its letters (or an escape spelling them) are in the text.
  const path = /__proto__|\\u/i.test(text) ? protoKeyPath(value) : null;
  if (path) {
    return {
      ok: false,
      problem: {
        severity: 'error',
        code: 'reserved-key',
        pointer: toPointer(path),
        message: `This file is not valid: "__proto__" cannot be used as a name (at ${toPointer(path)}).`,
      },
    };
  }
  return { ok: true, value };
}

/** The path of the first own `__proto__` key in a parsed JSON value, or null; iterative, so any depth is fine. */
function protoKeyPath(root: unknown): (string | number)[] | null {
  interface Step {
    value: unknown;
    key: string | number;
    up: Step | null;
  }
  const pathOf = (step: Step | null, last: string): (string | number)[] => {
    const path: (string | number)[] = [last];
    for (let s = step; s && s.up; s = s.up) path.unshift(s.key);
    return path;
  };
  const stack: Step[] = [{ value: root, key: '', up: null }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const { value } = step;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        if (typeof v === 'object' && v !== null) stack.push({ value: v, key: i, up: step });
      });
      continue;
    }
    if (Object.hasOwn(value, '__proto__')) return pathOf(step, '__proto__');
    for (const [k, v] of Object.entries(value)) if (typeof v === 'object' && v !== null) stack.push({ value: v, key: k, up: step });
  }
  return null;
}

/** The result of reading a document of a known kind. */
export type DocumentResult<T> = { ok: true; value: T; problems: Problem[] } | { ok: false; value?: undefined; problems: Problem[] };

function formatProblem(doc: unknown, kind: DocumentKind): Problem | null {
  const expected = FORMATS[kind];
  const format = typeof doc === 'object' && doc !== null ? (doc as { format?: unknown }).format : undefined;
  if (format === expected) return null;
  const other = (Object.entries(FORMATS) as [DocumentKind, string][]).find(([, f]) => f === format);
  const message = other
    ? `This is a ${other[0]} document ("${format}"), but a ${kind} ("${expected}") is needed here.`
    : format === undefined
      ? `This document has no "format": a ${kind} starts with "format": "${expected}".`
      : `Unknown format ${JSON.stringify(format)}: this version of Hourglass reads "${expected}" here.`;
  return { severity: 'error', code: 'unknown-format', pointer: '/format', message };
}

function readWith<S extends z.ZodType>(schema: S, kind: DocumentKind, doc: unknown): DocumentResult<z.infer<S>> {
  const wrong = formatProblem(doc, kind);
  if (wrong) return { ok: false, problems: [wrong] };
  // Past the hard limits the schema is not even tried: it recurses and could overflow the stack.
  const limits = kind === 'scoring' ? scoringLimitProblems(doc) : [documentDepthProblem(doc)].filter((p) => p !== null);
  if (limits.length) return { ok: false, problems: limits };
  const r = schema.safeParse(doc);
  if (r.success) return { ok: true, value: r.data, problems: [] };
  return { ok: false, problems: problemsFromZod(r.error.issues, doc, () => undefined) };
}

/** Validates a scoring model document (spec §3). */
export function readScoring(doc: unknown): DocumentResult<ScoringModel> {
  return readWith(ScoringModel, 'scoring', doc);
}

/** Validates a scenario document (spec §6). */
export function readScenario(doc: unknown): DocumentResult<Scenario> {
  return readWith(Scenario, 'scenario', doc);
}

/** Validates an engagement model for a forecast. */
export function readEngagement(doc: unknown): DocumentResult<EngagementModel> {
  return readWith(EngagementModel, 'engagement', doc);
}

/** Validates a flow document; unlike `validateFlow`, fails on errors but keeps warnings. */
export function readFlow(doc: unknown): DocumentResult<NonNullable<FlowValidation['flow']>> {
  const wrong = formatProblem(doc, 'flow');
  if (wrong) return { ok: false, problems: [wrong] };
  const v = validateFlow(doc);
  return v.flow && !hasErrors(v.problems) ? { ok: true, value: v.flow, problems: v.problems } : { ok: false, problems: v.problems };
}
