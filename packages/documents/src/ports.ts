/**
 * The ports an edge can leave a node by (spec §2), named once for the validator, the compiler,
 * the engine and the editor. An edge without `port` leaves by a node's single unnamed port; a
 * split's ports are its branch keys.
 */

/** The ports out of a `condition` node: the contact matched `if` (`yes`) or not (`no`). */
export const CONDITION_PORTS = ['yes', 'no'] as const;
export type ConditionPort = (typeof CONDITION_PORTS)[number];
export const [YES, NO] = CONDITION_PORTS;

/** The ports out of a `waitFor` node: what it waits for happened (`met`), or its timeout passed. */
export const WAIT_FOR_PORTS = ['met', 'timeout'] as const;
export type WaitForPort = (typeof WAIT_FOR_PORTS)[number];
export const [MET, TIMEOUT] = WAIT_FOR_PORTS;

/** The ports of a node type whose ports do not depend on its config (all but `split`). */
export const FIXED_PORTS = {
  trigger: [undefined],
  wait: [undefined],
  sendEmail: [undefined],
  update: [undefined],
  handoff: [undefined],
  waitFor: WAIT_FOR_PORTS,
  condition: CONDITION_PORTS,
  exit: [],
} as const satisfies Record<string, readonly (string | undefined)[]>;
