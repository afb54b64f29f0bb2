import type { Flow } from '@hourglass/documents';
import { nodeMap, nodeMapProblems, type MigrationPlan } from '@hourglass/engine';
import type { MigrationBody, MigrationMove, MigrationProblem } from '@hourglass/api';
import { ApiError } from './apiError.ts';
import type { Awaitable } from './storeApi.ts';

/** What resolving a migration reads of a store (SQLite answers at once, PostgreSQL later). */
export interface MigrationReads {
  /** A published version as the engine runs it. */
  versionFlow(flowId: string, version: number): Awaitable<Flow | undefined>;
  /** How many active enrolments of a version wait on each node. */
  waitingInVersion(flowId: string, version: number): Awaitable<Record<string, number>>;
  /** Whether a migration of the flow is still running. */
  migrating(flowId: string): Awaitable<boolean>;
}

/** A migration as asked for, checked against the flow: the plan (unless refused), its problems, where its contacts go. */
export interface ResolvedMigration {
  plan: MigrationPlan | null;
  from: Flow | undefined;
  to: Flow | undefined;
  problems: MigrationProblem[];
  moves: MigrationMove[];
  /** Every contact in version `from`. */
  contacts: number;
}

/** The problem of a migration asked for while another of the flow runs. */
export const MIGRATION_RUNNING = {
  severity: 'error',
  code: 'migration-running',
  message: 'A migration of this flow is still running; wait for it to finish.',
} as const satisfies MigrationProblem;

const labelOf = (flow: Flow, id: string) => {
  const label = flow.nodes.find((n) => n.id === id)?.label;
  return label ? `“${label}”` : `“${id}”`;
};

/**
 * Resolves a migration's body (docs/semantics.md, "Migrations"): both versions, the complete node
 * map (defaults, then the marketer's choices), how many contacts wait on each node of `from` and
 * where they would go, and the problems. An error refuses it (`plan` is null); a warning is
 * something the marketer should see first (contacts left behind, nobody to move).
 */
export async function resolveMigration(reads: MigrationReads, flowId: string, body: MigrationBody): Promise<ResolvedMigration> {
  const problems: MigrationProblem[] = [];
  const error = (code: string, message: string, node?: string) => problems.push({ severity: 'error', code, message, ...(node ? { node } : {}) });
  const from = await reads.versionFlow(flowId, body.from);
  const to = await reads.versionFlow(flowId, body.to);
  for (const [v, flow] of [
    [body.from, from],
    [body.to, to],
  ] as const) {
    if (!flow) error('unknown-version', `This flow has no published version ${v}.`);
  }
  if (body.from === body.to) error('same-version', 'Choose two different versions: the contacts are in this one already.');
  if (await reads.migrating(flowId)) error(MIGRATION_RUNNING.code, MIGRATION_RUNNING.message);
  const waiting = await reads.waitingInVersion(flowId, body.from);
  const contacts = Object.values(waiting).reduce((a, b) => a + b, 0);
  if (!from || !to) return { plan: null, from, to, problems, moves: [], contacts };
  for (const p of nodeMapProblems(from, to, body.map)) error(p.code, p.message, p.node);
  const map = nodeMap(from, to, body.map);
  const moves: MigrationMove[] = Object.entries(waiting).map(([node, n]) => ({ from: node, to: Object.hasOwn(map, node) ? map[node]! : null, contacts: n }));
  for (const m of moves) {
    if (m.to !== null) continue;
    const who = `${m.contacts} ${m.contacts === 1 ? 'contact waits' : 'contacts wait'} on ${labelOf(from, m.from)}, which has no step to go to in version ${body.to}`;
    problems.push({
      severity: 'warning',
      code: 'unmapped',
      node: m.from,
      message: body.unmapped === 'stay' ? `${who}: they stay on version ${body.from}.` : `${who}: they leave the flow.`,
    });
  }
  if (contacts === 0) problems.push({ severity: 'warning', code: 'nobody', message: `Nobody is in version ${body.from}: there is nothing to move.` });
  const refused = problems.some((p) => p.severity === 'error');
  return { plan: refused ? null : { flowId, from: body.from, to: body.to, map, unmapped: body.unmapped }, from, to, problems, moves, contacts };
}

/** The answer to a migration refused: 422 with the first error, and every problem. */
export function refused(problems: MigrationProblem[]): ApiError {
  const first = problems.find((p) => p.severity === 'error')!;
  return new ApiError(422, first.message, undefined, { migrationProblems: problems });
}
