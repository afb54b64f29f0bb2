import {
  MET,
  NO,
  TIMEOUT,
  YES,
  assertNever,
  type Flow,
  type FlowNode,
  type NodeOfType,
  type SendWindow,
  type WaitConfig,
  type Condition,
  type HandoffConfig,
  type NodeType,
  type SendEmailConfig,
  type UpdateConfig,
} from '@hourglass/documents';

/** The id of every compiled machine; node states are addressed as `#flow.<nodeId>`. */
export const MACHINE_ID = 'flow';
/** Internal states. Node ids cannot contain `@`, so these never clash with a node. */
export const IDLE = '@idle';
export const COMPLETED = '@completed';
export const GOAL = '@goal';

/** Tags on the compiled states that tell the engine how to advance a contact. */
export const TAG_INSTANT = 'instant'; // the engine sends STEP at the same instant
export const TAG_LISTENING = 'listening'; // a waitFor: the engine sends INPUT after every input

/**
 * What a compiled machine asks of the engine when it enters a node or takes a transition: a
 * named XState action with typed parameters. The engine switches over `type` exhaustively.
 */
export type FlowAction =
  /** The contact enters a node: the engine records a step. */
  | { type: 'enter'; params: { node: string; nodeType: NodeType } }
  /** The contact leaves a node by a port: the engine writes the port on the node's step. */
  | { type: 'leave'; params: { node: string; port: string } }
  | { type: 'sendEmail'; params: SendEmailParams }
  | { type: 'update'; params: UpdateParams }
  | { type: 'handoff'; params: HandoffParams }
  /** A waitFor counts the events recorded after this point (an XState `assign` of `since`). */
  | { type: 'markSince' };
export type SendEmailParams = { node: string } & SendEmailConfig;
export type UpdateParams = { node: string } & UpdateConfig;
export type HandoffParams = { node: string } & HandoffConfig;

/** A named guard with its parameters: what a transition of the compiled machine checks. */
export type GuardRef =
  | { type: 'isTrigger'; params: { node: string } }
  | { type: 'isTarget'; params: { node: string } }
  | { type: 'condition'; params: { if: Condition; sinceEntry?: boolean } }
  | { type: 'splitBelow'; params: { node: string; threshold: number } }
  | { type: 'inSendWindow'; params: { window: SendWindow; timezone: string } };

/** A delay the engine computes when the contact enters the state; `params` say how. */
export type DelaySpec =
  | { type: 'wait'; params: { node: string; wait: WaitConfig; timezone: string } }
  | { type: 'timeout'; params: { duration: string } }
  | { type: 'sendWindow'; params: { window: SendWindow; timezone: string } };

/** Plain, JSON-serialisable XState v5 state config. */
export interface StateConfig {
  id?: string;
  type?: 'final';
  tags?: string[];
  entry?: FlowAction[];
  initial?: string;
  states?: Record<string, StateConfig>;
  on?: Record<string, TransitionConfig | TransitionConfig[]>;
  after?: Record<string, TransitionConfig>;
  meta?: Record<string, unknown>;
}
export interface TransitionConfig {
  target?: string;
  guard?: GuardRef;
  actions?: FlowAction[];
}

export interface MachineConfig extends StateConfig {
  id: string;
  context: { since: number };
  initial: string;
  states: Record<string, StateConfig>;
}

/** The output of the compiler: an XState machine config and the delays it references by name. */
export interface CompiledFlow {
  flowId: string;
  machine: MachineConfig;
  delays: Record<string, DelaySpec>;
}

const target = (id: string) => `#${MACHINE_ID}.${id}`;

/**
 * Compiles a flow into an XState v5 machine config (spec §4). Pure: the same flow always gives
 * the same config. Guards, actions and delays are referenced by name with their parameters; the
 * engine supplies their implementations.
 *
 * Every node is a state. Nodes a contact passes at the same instant carry the `instant` tag and
 * advance on the engine's `STEP` event, one node per transition, so the engine carries out each
 * node's actions (a score change, a stage) before the next node's guards see the contact.
 * Waits use XState delayed transitions (`after`), which the engine stores as timers.
 */
export function compileFlow(flow: Flow): CompiledFlow {
  const timezone = flow.settings.timezone ?? 'UTC';
  const window = flow.settings.sendWindow;
  const delays: Record<string, DelaySpec> = {};

  const next = (node: FlowNode, port?: string): string => {
    const edge = flow.edges.find((e) => e.from === node.id && (e.port ?? undefined) === port);
    return target(edge ? edge.to : COMPLETED);
  };
  const leave = (node: FlowNode, port: string): FlowAction => ({ type: 'leave', params: { node: node.id, port } });
  const enter = (node: FlowNode): FlowAction => ({ type: 'enter', params: { node: node.id, nodeType: node.type } });

  const states: Record<string, StateConfig> = {
    [IDLE]: {
      on: {
        ENROL: flow.nodes
          .filter((n): n is NodeOfType<'trigger'> => n.type === 'trigger')
          .map((n) => ({ guard: { type: 'isTrigger', params: { node: n.id } }, target: target(n.id) })),
      },
    },
    [COMPLETED]: { type: 'final' },
    [GOAL]: { type: 'final' },
  };

  for (const node of flow.nodes) {
    states[node.id] = compileNode(node);
  }

  function compileNode(node: FlowNode): StateConfig {
    switch (node.type) {
      case 'trigger':
        return { tags: [TAG_INSTANT], entry: [enter(node)], on: { STEP: { target: next(node) } } };
      case 'wait': {
        const name = `wait:${node.id}`;
        delays[name] = { type: 'wait', params: { node: node.id, wait: node.config, timezone } };
        return { entry: [enter(node)], after: { [name]: { target: next(node) } } };
      }
      case 'waitFor': {
        const guard: GuardRef = { type: 'condition', params: { if: node.config.until as Condition, sinceEntry: true } };
        const met = { guard, target: next(node, MET), actions: [leave(node, MET)] };
        const config: StateConfig = {
          entry: [enter(node), { type: 'markSince' }],
          initial: 'check',
          states: {
            check: { tags: [TAG_INSTANT], on: { STEP: [met, { target: 'waiting' }] } },
            waiting: { tags: [TAG_LISTENING], on: { INPUT: met } },
          },
        };
        if (node.config.timeout) {
          const name = `timeout:${node.id}`;
          delays[name] = { type: 'timeout', params: { duration: node.config.timeout } };
          config.after = { [name]: { target: next(node, TIMEOUT), actions: [leave(node, TIMEOUT)] } };
        }
        return config;
      }
      case 'sendEmail': {
        const send: FlowAction = { type: 'sendEmail', params: { node: node.id, ...node.config } };
        if (!window) return { tags: [TAG_INSTANT], entry: [enter(node), send], on: { STEP: { target: next(node) } } };
        const name = `sendWindow:${node.id}`;
        delays[name] = { type: 'sendWindow', params: { window, timezone } };
        return {
          entry: [enter(node)],
          initial: 'check',
          states: {
            check: {
              tags: [TAG_INSTANT],
              on: { STEP: [{ guard: { type: 'inSendWindow', params: { window, timezone } }, target: next(node), actions: [send] }, { target: 'held' }] },
            },
            held: { after: { [name]: { target: next(node), actions: [send] } } },
          },
        };
      }
      case 'condition':
        return {
          tags: [TAG_INSTANT],
          entry: [enter(node)],
          on: {
            STEP: [
              { guard: { type: 'condition', params: { if: node.config.if } }, target: next(node, YES), actions: [leave(node, YES)] },
              { target: next(node, NO), actions: [leave(node, NO)] },
            ],
          },
        };
      case 'split': {
        const total = node.config.branches.reduce((s, b) => s + b.weight, 0);
        let running = 0;
        const branches = node.config.branches.map((b, i, all) => {
          running += b.weight;
          const t: TransitionConfig = { target: next(node, b.key), actions: [leave(node, b.key)] };
          // The last branch takes what is left, so rounding can never leave a contact stuck.
          if (i < all.length - 1) t.guard = { type: 'splitBelow', params: { node: node.id, threshold: running / total } };
          return t;
        });
        return { tags: [TAG_INSTANT], entry: [enter(node)], on: { STEP: branches } };
      }
      case 'update':
        return {
          tags: [TAG_INSTANT],
          entry: [enter(node), { type: 'update', params: { node: node.id, ...node.config } }],
          on: { STEP: { target: next(node) } },
        };
      case 'handoff':
        return {
          tags: [TAG_INSTANT],
          entry: [enter(node), { type: 'handoff', params: { node: node.id, ...node.config } }],
          on: { STEP: { target: next(node) } },
        };
      case 'exit':
        return { type: 'final', entry: [enter(node)] };
      default:
        return assertNever(node, 'node type');
    }
  }

  // A migration (docs/semantics.md) moves a contact onto any node of another version: from the
  // initial state, MIGRATE enters the node it names, running its entry as any arrival does.
  const migrate: TransitionConfig[] = flow.nodes.map((n) => ({ guard: { type: 'isTarget', params: { node: n.id } }, target: target(n.id) }));
  return {
    flowId: flow.id,
    machine: {
      id: MACHINE_ID,
      context: { since: 0 },
      initial: IDLE,
      on: { GOAL: { target: target(GOAL) }, STOP: { target: target(COMPLETED) }, MIGRATE: migrate },
      states,
    },
    delays,
  };
}
