import { FLOW_FORMAT, Flow, INSTANT_TYPES, NODE_TYPES, type NodeType } from './flow.ts';
import { FIXED_PORTS } from './ports.ts';
import { parseTimeOfDay } from './time.ts';
import { hasErrors, type Problem } from './problem.ts';
import { problemsFromZod } from './zodProblems.ts';
import { flowLimitProblems } from './documentLimits.ts';

/** The result of validating a flow: the parsed flow when it matches the schema, and every problem. */
export interface FlowValidation {
  /** The parsed flow, present when the document matches the schema (it may still have graph errors). */
  flow: Flow | undefined;
  problems: Problem[];
  /** True when there is no error (warnings allowed): the flow can be published. */
  ok: boolean;
}

interface LooseNode {
  index: number;
  id: string;
  type: NodeType | undefined;
  config: Record<string, unknown>;
}
interface LooseEdge {
  index: number;
  from: string;
  to: string;
  port: string | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a flow document (spec §5) and reports every problem at once: schema problems and
 * graph problems together, each with a JSON pointer, the node id, a stable code and a sentence.
 */
export function validateFlow(doc: unknown): FlowValidation {
  if (!isObject(doc)) {
    return result(undefined, [
      { severity: 'error', code: 'not-an-object', pointer: '', message: 'A flow is a JSON object that starts with "format": "hourglass.flow/1".' },
    ]);
  }
  if (doc.format !== FLOW_FORMAT) {
    const message =
      doc.format === undefined
        ? `This file has no "format": a flow starts with "format": "${FLOW_FORMAT}".`
        : `Unknown format ${JSON.stringify(doc.format)}: this version of Hourglass reads "${FLOW_FORMAT}".`;
    return result(undefined, [{ severity: 'error', code: 'unknown-format', pointer: '/format', message }]);
  }
  // Past the hard limits the schema and graph checks are not even tried: they could overflow the stack.
  const limits = flowLimitProblems(doc);
  if (limits.length) return result(undefined, limits);
  const rawNodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const nodeIdAt = (i: number) => {
    const n = rawNodes[i];
    return isObject(n) && typeof n.id === 'string' ? n.id : undefined;
  };
  const parsed = Flow.safeParse(doc);
  const problems = parsed.success ? [] : problemsFromZod(parsed.error.issues, doc, nodeIdAt);

  const nodes: LooseNode[] = rawNodes.flatMap((n, index) =>
    isObject(n) && typeof n.id === 'string'
      ? [
          {
            index,
            id: n.id,
            type: (NODE_TYPES as readonly string[]).includes(n.type as string) ? (n.type as NodeType) : undefined,
            config: isObject(n.config) ? n.config : {},
          },
        ]
      : [],
  );
  const edges: LooseEdge[] = (Array.isArray(doc.edges) ? doc.edges : []).flatMap((e, index) =>
    isObject(e) && typeof e.from === 'string' && typeof e.to === 'string'
      ? [{ index, from: e.from, to: e.to, port: typeof e.port === 'string' ? e.port : undefined }]
      : [],
  );
  problems.push(...graphProblems(nodes, edges, isObject(doc.settings) ? doc.settings : {}));
  return result(parsed.success ? parsed.data : undefined, problems);
}

function result(flow: Flow | undefined, problems: Problem[]): FlowValidation {
  return { flow, problems, ok: !hasErrors(problems) };
}

function loosePorts(node: LooseNode): readonly (string | undefined)[] | null {
  if (node.type === undefined) return null; // unknown type: already reported
  if (node.type !== 'split') return FIXED_PORTS[node.type];
  const branches = Array.isArray(node.config.branches) ? node.config.branches : [];
  return branches.flatMap((b) => (isObject(b) && typeof b.key === 'string' ? [b.key] : []));
}

const portName = (port: string | undefined) => (port === undefined ? 'its exit' : `port "${port}"`);

function graphProblems(nodes: LooseNode[], edges: LooseEdge[], settings: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const err = (code: string, pointer: string, message: string, nodeId?: string) =>
    problems.push({ severity: 'error', code, pointer, ...(nodeId ? { nodeId } : {}), message: nodeId ? `Node "${nodeId}": ${message}` : message });
  const warn = (code: string, pointer: string, message: string, nodeId?: string) =>
    problems.push({ severity: 'warning', code, pointer, ...(nodeId ? { nodeId } : {}), message: nodeId ? `Node "${nodeId}": ${message}` : message });

  const byId = new Map<string, LooseNode>();
  for (const n of nodes) {
    if (byId.has(n.id)) err('duplicate-node-id', `/nodes/${n.index}/id`, `the id "${n.id}" is used by another node too; every node needs its own id.`, n.id);
    else byId.set(n.id, n);
  }

  const taken = new Map<string, LooseEdge>();
  const out = new Map<string, LooseEdge[]>();
  for (const e of edges) {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from) err('edge-missing-node', `/edges/${e.index}/from`, `An arrow starts at "${e.from}", but there is no node with that id.`);
    if (!to) err('edge-missing-node', `/edges/${e.index}/to`, `An arrow leads to "${e.to}", but there is no node with that id.`);
    if (to?.type === 'trigger')
      err(
        'edge-into-trigger',
        `/edges/${e.index}/to`,
        'an arrow leads into this trigger; contacts only enter a flow at a trigger, so no arrow may lead into one.',
        to.id,
      );
    if (!from) continue;
    if (from.type === 'exit') {
      err('edge-out-of-exit', `/edges/${e.index}`, 'an arrow leaves this exit; an exit ends the flow, so nothing can follow it.', from.id);
      continue;
    }
    const ports = loosePorts(from);
    if (ports && !ports.includes(e.port)) {
      const allowed = ports.every((p) => p === undefined)
        ? 'it has a single exit, so the arrow needs no port'
        : `its ports are ${ports.map((p) => `"${p}"`).join(', ')}`;
      err(
        'edge-bad-port',
        `/edges/${e.index}${e.port === undefined ? '' : '/port'}`,
        `an arrow leaves by ${e.port === undefined ? 'no port' : `port "${e.port}"`}, but ${allowed}.`,
        from.id,
      );
      continue;
    }
    const key = `${e.from}\u0000${e.port ?? ''}`;
    if (taken.has(key)) err('port-has-two-edges', `/edges/${e.index}`, `${portName(e.port)} has two arrows; each port leads to one node.`, from.id);
    else {
      taken.set(key, e);
      if (to) out.set(e.from, [...(out.get(e.from) ?? []), e]);
    }
  }

  const triggers = nodes.filter((n) => n.type === 'trigger' && byId.get(n.id) === n);
  if (triggers.length === 0) err('no-trigger', '/nodes', 'This flow has no trigger, so no contact can ever enter it. Add a trigger node.');

  for (const n of nodes) {
    if (byId.get(n.id) !== n || !n.type) continue;
    const at = `/nodes/${n.index}`;
    switch (n.type) {
      case 'trigger':
        if (!taken.has(`${n.id}\u0000`)) err('trigger-without-edge', at, 'this trigger leads nowhere; connect it to the first step.', n.id);
        break;
      case 'split': {
        const branches = (Array.isArray(n.config.branches) ? n.config.branches : []).filter(isObject);
        if (branches.length < 2) err('split-too-few-branches', `${at}/config/branches`, 'a split needs at least 2 branches.', n.id);
        if (branches.length > 10) err('split-too-many-branches', `${at}/config/branches`, 'a split has at most 10 branches.', n.id);
        const seen = new Set<unknown>();
        branches.forEach((b, i) => {
          if (typeof b.weight === 'number' && !(b.weight > 0))
            err(
              'split-bad-weight',
              `${at}/config/branches/${i}/weight`,
              `branch "${String(b.key)}" has weight ${b.weight}; every weight must be greater than 0.`,
              n.id,
            );
          if (seen.has(b.key)) err('split-duplicate-key', `${at}/config/branches/${i}/key`, `the branch key "${String(b.key)}" is used twice.`, n.id);
          seen.add(b.key);
        });
        break;
      }
      case 'update': {
        const c = n.config;
        const setsSomething = isObject(c.set) && Object.keys(c.set).length > 0;
        if (c.addScore === undefined && c.stage === undefined && !setsSomething)
          err('update-does-nothing', `${at}/config`, 'this update changes nothing; add points, a stage or a property to set.', n.id);
        break;
      }
      case 'waitFor':
        if (n.config.timeout === undefined)
          warn('waitfor-without-timeout', `${at}/config`, 'this wait has no timeout, so a contact who never meets the condition waits forever.', n.id);
        break;
      case 'handoff': {
        const c = n.config;
        const rr = Array.isArray(c.roundRobin) && c.roundRobin.length > 0;
        if (!rr && c.fallback === undefined) {
          warn(
            'handoff-without-owner',
            `${at}/config`,
            Array.isArray(c.routing) && c.routing.length > 0
              ? 'when no routing rule matches and the contact has no owner, this handoff chooses no owner; add a fallback or a round robin.'
              : 'this handoff has no routing, round robin or fallback, so a contact without an owner reaches sales with no owner.',
            n.id,
          );
        }
        break;
      }
      case 'wait':
      case 'sendEmail':
      case 'condition':
      case 'exit':
        break;
    }
    if (n.type !== 'trigger') {
      for (const port of loosePorts(n) ?? []) {
        if (!taken.has(`${n.id}\u0000${port ?? ''}`))
          warn('port-without-edge', at, `${portName(port)} leads nowhere; a contact who leaves by it ends the flow there.`, n.id);
      }
    }
  }

  // Reachability from the triggers.
  const reached = new Set<string>();
  const queue = triggers.map((t) => t.id);
  while (queue.length) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const e of out.get(id) ?? []) queue.push(e.to);
  }
  for (const n of nodes) {
    if (byId.get(n.id) === n && n.type !== 'trigger' && !reached.has(n.id))
      warn('unreachable-node', `/nodes/${n.index}`, 'no trigger leads to this node, so no contact will ever reach it.', n.id);
  }

  // A cycle made only of instant nodes would never stop at one instant (spec §4.11).
  const instant = (id: string) => INSTANT_TYPES.includes(byId.get(id)?.type as NodeType);
  // Depth-first with an explicit stack, so a long chain of steps cannot overflow the call stack.
  const state = new Map<string, 1 | 2>();
  const reportedCycle = new Set<string>();
  const dfs = (root: string) => {
    const path: string[] = [root];
    const next: number[] = [0]; // per node on the path: the index of its next arrow to follow
    state.set(root, 1);
    while (path.length) {
      const id = path[path.length - 1]!;
      const e = (out.get(id) ?? [])[next[next.length - 1]!++];
      if (!e) {
        state.set(id, 2);
        path.pop();
        next.pop();
        continue;
      }
      if (!instant(e.to)) continue;
      const s = state.get(e.to);
      if (s === 1) {
        const cycle = path.slice(path.indexOf(e.to));
        const key = [...cycle].sort().join(',');
        if (!reportedCycle.has(key)) {
          reportedCycle.add(key);
          const node = byId.get(e.to)!;
          err(
            'instant-cycle',
            `/nodes/${node.index}`,
            `these steps form a loop with no wait in it (${cycle.join(' → ')} → ${e.to}); add a wait or wait-for to the loop.`,
            node.id,
          );
        }
      } else if (s === undefined) {
        state.set(e.to, 1);
        path.push(e.to);
        next.push(0);
      }
    }
  };
  for (const n of nodes) if (instant(n.id) && !state.has(n.id)) dfs(n.id);

  const w = isObject(settings.sendWindow) ? settings.sendWindow : undefined;
  if (w && typeof w.from === 'string' && typeof w.to === 'string') {
    const from = parseTimeOfDay(w.from);
    const to = parseTimeOfDay(w.to);
    if (from !== null && to !== null && from >= to)
      err(
        'bad-send-window',
        '/settings/sendWindow',
        `The send window opens at ${w.from} but closes at ${w.to}; "from" must be earlier than "to" on the same day.`,
      );
  }
  return problems;
}
