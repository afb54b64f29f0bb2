import type { Flow } from '@hourglass/documents';
import type { Engine } from './engine.ts';
import type { EnrolmentRecord } from './records.ts';

/** What happens to contacts on a node the map leaves out: they stay on the old version, or leave the flow (`completed`). */
export type Unmapped = 'stay' | 'exit';

/** A node map: per node of the old version, the node of the new one its contacts move onto; null moves nobody. */
export type NodeMap = Readonly<Record<string, string | null>>;

/** A migration of a flow's contacts from one version to another (docs/semantics.md, "Migrations"). */
export interface MigrationPlan {
  readonly flowId: string;
  readonly from: number;
  readonly to: number;
  /** Complete for the nodes of `from` (see `nodeMap`); a node left out counts as unmapped. */
  readonly map: NodeMap;
  readonly unmapped: Unmapped;
}

/** By default a node goes to the node of the new version with the same id and type, if there is one. */
export function defaultNodeMap(from: Flow, to: Flow): Record<string, string | null> {
  const types = new Map(to.nodes.map((n) => [n.id, n.type]));
  return Object.fromEntries(from.nodes.map((n) => [n.id, types.get(n.id) === n.type ? n.id : null]));
}

/** A problem with a chosen map: a node that is not in the old version, or a target that is not in the new one. */
export interface NodeMapProblem {
  code: 'unknown-node' | 'unknown-target';
  node: string;
  message: string;
}

/** The problems of the marketer's choices: each names the node it is about. */
export function nodeMapProblems(from: Flow, to: Flow, chosen: NodeMap = {}): NodeMapProblem[] {
  const inFrom = new Set(from.nodes.map((n) => n.id));
  const inTo = new Set(to.nodes.map((n) => n.id));
  const problems: NodeMapProblem[] = [];
  for (const [node, target] of Object.entries(chosen)) {
    if (!inFrom.has(node)) problems.push({ code: 'unknown-node', node, message: `The old version has no step "${node}".` });
    else if (target !== null && !inTo.has(target)) problems.push({ code: 'unknown-target', node, message: `The new version has no step "${target}".` });
  }
  return problems;
}

/** The map a migration runs with: the defaults, then the marketer's choices (null leaves a node unmapped). */
export function nodeMap(from: Flow, to: Flow, chosen: NodeMap = {}): Record<string, string | null> {
  return { ...defaultNodeMap(from, to), ...chosen };
}

/** What one slice did, and where the next one starts. */
export interface SliceOutcome {
  /** Moved to the new version (those that then met its goal at once included). */
  moved: number;
  /** Moved, and ended at once by the new version's goal. */
  goal: number;
  stayed: number;
  exited: number;
  /** The id of the last enrolment read: the next slice starts after it. */
  last: string | null;
  /** Whether no enrolment is left after this slice. */
  done: boolean;
}

/** What became of one enrolment of a migration: moved (reaching the goal, or not), stayed or exited. */
export type EnrolmentMove = 'moved' | 'goal' | 'stayed' | 'exited';

/**
 * Moves one active enrolment of the plan's old version to the node its position maps to; one on
 * an unmapped node stays or leaves the flow, as the plan says.
 */
export function migrateEnrolment(engine: Engine, plan: MigrationPlan, e: EnrolmentRecord, at: number): EnrolmentMove {
  const target = Object.hasOwn(plan.map, e.position!) ? plan.map[e.position!]! : null;
  if (target === null && plan.unmapped === 'stay') return 'stayed';
  const status = engine.migrate(e, plan.to, target, at);
  return target === null ? 'exited' : status === 'goal' ? 'goal' : 'moved';
}

/**
 * One slice of a migration in one transaction: the next `limit` active enrolments of version
 * `from` whose id comes after `after`, each moved to its node of `to`, left where it is or ended
 * (`unmapped`). `within` runs in the same transaction with the outcome (the server records the
 * migration's progress there), so a crash loses a whole slice or none of it: slice after slice,
 * each enrolment is moved exactly once, and a migration resumed from its last committed id goes
 * on where it stopped. The caller fires due timers first (an input never overtakes them).
 */
export function migrateSlice(
  engine: Engine,
  plan: MigrationPlan,
  after: string | null,
  limit: number,
  at: number,
  within?: (outcome: SliceOutcome) => void,
): SliceOutcome {
  const { store } = engine;
  return store.transaction(() => {
    const enrolments = store.activeEnrolmentsIn(plan.flowId, plan.from, after, limit);
    const outcome: SliceOutcome = { moved: 0, goal: 0, stayed: 0, exited: 0, last: enrolments.at(-1)?.id ?? after, done: enrolments.length < limit };
    for (const e of enrolments) {
      const move = migrateEnrolment(engine, plan, e, at);
      outcome[move]++;
      // A move that reached the goal is a move too.
      if (move === 'goal') outcome.moved++;
    }
    within?.(outcome);
    return outcome;
  });
}

/** Runs a whole migration, slice after slice (the simulator's and the tests' way; the server runs slices in line with other inputs). */
export function migrateAll(engine: Engine, plan: MigrationPlan, at: number, slice = 1000): Omit<SliceOutcome, 'last' | 'done'> {
  const total = { moved: 0, goal: 0, stayed: 0, exited: 0 };
  for (let after: string | null = null; ;) {
    const o = migrateSlice(engine, plan, after, slice, at);
    total.moved += o.moved;
    total.goal += o.goal;
    total.stayed += o.stayed;
    total.exited += o.exited;
    if (o.done) return total;
    after = o.last;
  }
}
