// What the unit of work has not read, and the signal that asks for it (see UnitOfWork).

/** A round-robin counter's key: flow, version and handoff node. */
export interface RoundRobinKey {
  flowId: string;
  version: number;
  node: string;
}
export const roundRobinId = (k: RoundRobinKey) => `${k.flowId}\u0000${k.version}\u0000${k.node}`;

/** Something a query of the engine needs that was not read from the database yet. */
export type Need =
  | { kind: 'contact'; contactId: string }
  | { kind: 'enrolment'; id: string }
  | { kind: 'steps'; enrolmentId: string }
  | { kind: 'emails'; contactId: string }
  | { kind: 'handoffs'; contactId: string }
  | { kind: 'allEvents'; contactId: string }
  /** The next page of a type's events from the latest back, after `before` (null: from the latest); `limit` null reads the rest. */
  | { kind: 'tail'; contactId: string; type: string; before: { at: number; seq: number } | null; limit: number | null }
  | { kind: 'after'; contactId: string; type: string; afterSeq: number }
  | { kind: 'groups'; contactId: string; type: string }
  | { kind: 'roundRobin'; key: RoundRobinKey }
  /** Several contacts at once (the owners of a slice of enrolments). */
  | { kind: 'contacts'; contactIds: readonly string[] }
  /** Which flows are paused (their timers held), read under the shared hold lock (`HOLD_LOCK`). */
  | { kind: 'held' }
  /** The ids of a version's active enrolments after an id, by id, at most `limit` (a migration's slice). */
  | { kind: 'activeIn'; flowId: string; version: number; afterId: string | null; limit: number }
  /** More blocks of sequence numbers (`blocks` of them), for numbers above `above`. */
  | { kind: 'seq'; above: number; blocks: number };

/**
 * Thrown by the unit of work when the engine asks for something not read yet. The engine's work
 * on an input is pure until commit, so the caller reads what is missing (in the same database
 * transaction, under the same locks) and runs the inputs again from the start of the unit.
 * Nothing may catch it on the way: an input's error handler passes it on (`isMissingData`).
 */
export class MissingData extends Error {
  constructor(readonly need: Need) {
    super(`Not read yet: ${need.kind}`);
  }
}

export const isMissingData = (e: unknown): e is MissingData => e instanceof MissingData;
