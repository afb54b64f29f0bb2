import type { FlowSnapshot, Stepper } from './stepper.ts';
import type { PersistedSnapshot } from './records.ts';

/**
 * The persisted form of a snapshot: the part of XState's persisted snapshot a compiled flow needs
 * (compiled machines have no child actors and no history states, so status, value and context
 * restore it exactly, at a fraction of `getPersistedSnapshot`'s cost and size). It also holds the
 * live snapshot in a private field, which JSON and structured clones leave out: a store that
 * hands back the object it was given (the in-memory one) then skips restoring (see `Store`).
 */
class Persisted implements PersistedSnapshot {
  readonly status: string;
  readonly value: unknown;
  readonly context: { since: number };
  readonly #stepper: Stepper;
  readonly #live: FlowSnapshot;
  constructor(stepper: Stepper, snapshot: FlowSnapshot) {
    this.status = snapshot.status;
    this.value = snapshot.value;
    this.context = snapshot.context;
    this.#stepper = stepper;
    this.#live = snapshot;
  }
  static live(persisted: PersistedSnapshot, stepper: Stepper): FlowSnapshot | undefined {
    return persisted instanceof Persisted && persisted.#stepper === stepper ? persisted.#live : undefined;
  }
}

/** The persisted form of a stepper's snapshot, carrying the live snapshot along. */
export const persist = (stepper: Stepper, snapshot: FlowSnapshot): PersistedSnapshot => new Persisted(stepper, snapshot);

/** The live snapshot a persisted one was made from by this stepper, if the store handed back that very object. */
export const livePersisted = (persisted: PersistedSnapshot, stepper: Stepper): FlowSnapshot | undefined => Persisted.live(persisted, stepper);
