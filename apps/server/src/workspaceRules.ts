import {
  SCORING_FORMAT,
  diffFlows,
  hasErrors,
  isEmptyDiff,
  readScoring,
  templateVariableProblems,
  validateFlow,
  validateForPublishing,
  type Flow,
  type LiveFlow,
  type Problem,
  type ScoringModel,
} from '@hourglass/documents';
import type { VersionRow } from './flowRepository.ts';

// The workspace's rules, the same for every store (Workspace on SQLite, PgApiWorkspace on
// PostgreSQL): what a draft's problems are, when a draft may be published, which versions are live.

/** The settings key of the scoring model. */
export const SCORING_KEY = 'scoring';
const EMPTY_SCORING: ScoringModel = { format: SCORING_FORMAT, fit: [], behaviour: [] };

/** A stored flow document as the engine runs it, or undefined when it no longer parses. */
export function runnable(doc: unknown): Flow | undefined {
  return validateFlow(doc).flow;
}

/** Whether a draft (undefined: it does not parse) is something else than the live version; moved steps do not count. */
export function differs(live: Flow, draft: Flow | undefined): boolean {
  return !draft || !isEmptyDiff(diffFlows(live, draft));
}

/** The warnings about email variables no known property matches; none while the workspace has no contact to know them from (`known` null). */
export function variableProblems(draft: unknown, known: string[] | null): Problem[] {
  return known ? templateVariableProblems(draft, known) : [];
}

/** A draft's problems: validation (spec §5) and, as warnings, its email variables that name no known property. */
export function draftProblems(draft: unknown, known: string[] | null): Problem[] {
  return validateFlow(draft).problems.concat(variableProblems(draft, known));
}

/**
 * Whether a draft may be published: refused with its errors (unreachable steps included:
 * `validateForPublishing`; the caller adds the variable warnings), or because it is the live
 * version again; else the flow to publish.
 */
export function publishDecision(
  draft: unknown,
  live: LiveFlow | undefined,
): { kind: 'problems'; problems: Problem[] } | { kind: 'unchanged'; version: number } | { kind: 'publish'; flow: Flow } {
  const v = validateForPublishing(draft);
  if (!v.flow || hasErrors(v.problems)) return { kind: 'problems', problems: v.problems };
  if (live && !differs(live.flow, v.flow)) return { kind: 'unchanged', version: live.version };
  return { kind: 'publish', flow: v.flow };
}

/** Every live flow by id from the latest version of each: one that no longer parses is left out. */
export function liveFlowsOf(latest: readonly VersionRow[]): Map<string, LiveFlow> {
  const live = new Map<string, LiveFlow>();
  for (const v of latest) {
    const flow = runnable(v.flow);
    if (flow) live.set(v.flowId, { version: v.version, flow });
  }
  return live;
}

/** The scoring model as stored (an empty one until set, or when it no longer reads). */
export function scoringOf(text: string | undefined): ScoringModel {
  if (!text) return EMPTY_SCORING;
  const r = readScoring(JSON.parse(text));
  return r.ok ? r.value : EMPTY_SCORING;
}
