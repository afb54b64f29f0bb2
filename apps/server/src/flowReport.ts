import { probabilityBest, type EmailReport, type FlowReport, type NodeReport } from '@hourglass/api';
import { HandoffTally } from './handoffVerdicts.ts';
import type { ReportCount } from './reportRepository.ts';

const DAY = 86_400_000;

/** The nodes of a flow document the report names: every node with its type, split branches. */
export interface ReportedFlow {
  hasGoal: boolean;
  nodes: { id: string; type: string; branches?: string[] }[];
}

/** Reads what the report needs from a stored flow document (a version, or a draft that may be unfinished). */
export function reportedFlow(doc: unknown): ReportedFlow {
  const d = (doc ?? {}) as { settings?: { goal?: unknown }; nodes?: unknown };
  const nodes = Array.isArray(d.nodes) ? d.nodes : [];
  return {
    hasGoal: d.settings?.goal !== undefined && d.settings.goal !== null,
    nodes: nodes.flatMap((n: { id?: unknown; type?: unknown; config?: { branches?: { key?: unknown }[] } }) => {
      if (typeof n?.id !== 'string' || typeof n.type !== 'string') return [];
      const branches =
        n.type === 'split' && Array.isArray(n.config?.branches)
          ? n.config.branches.map((b) => b?.key).filter((k): k is string => typeof k === 'string')
          : undefined;
      return [{ id: n.id, type: n.type, ...(branches ? { branches } : {}) }];
    }),
  };
}

export const dayOf = (ms: number) => new Date(Math.floor(ms / DAY) * DAY).toISOString().slice(0, 10);

/** Builds the report (campaign spec §5) from the summed counters and the flow's nodes. */
export function flowReport(
  flowId: string,
  flow: ReportedFlow,
  counts: readonly ReportCount[],
  perDay: readonly { day: number; count: number }[],
  range: { from: string | null; to: string | null; version: number | null },
): FlowReport {
  const status: Record<string, number> = {};
  const nodes: Record<string, NodeReport> = {};
  const emails: Record<string, EmailReport> = {};
  const branchEnds: Record<string, Record<string, { goal: number; completed: number }>> = {};
  const node = (id: string) => (nodes[id] ??= { entered: 0, ports: {}, waiting: 0 });
  const email = (id: string) =>
    (emails[id] ??= {
      sent: 0,
      suppressed: 0,
      suppressedReasons: {},
      failed: 0,
      undelivered: 0,
      opened: 0,
      uniqueOpened: 0,
      clicked: 0,
      uniqueClicked: 0,
      unsubscribed: 0,
    });
  for (const n of flow.nodes) {
    node(n.id);
    if (n.type === 'sendEmail') email(n.id);
  }
  const handoffs = new HandoffTally();
  let enrolled = 0;
  for (const { kind, node: id, port, count } of counts) {
    if (handoffs.add(kind, id, port, count)) continue;
    switch (kind) {
      case 'enrolled':
        enrolled += count;
        break;
      case 'status':
        status[port] = (status[port] ?? 0) + count;
        break;
      case 'waiting':
        node(id).waiting += count;
        break;
      case 'entered':
        node(id).entered += count;
        break;
      case 'left':
        node(id).ports[port] = (node(id).ports[port] ?? 0) + count;
        break;
      case 'sent':
        email(id).sent += count;
        break;
      case 'failed':
        email(id).failed += count;
        break;
      case 'undelivered':
        email(id).undelivered += count;
        break;
      case 'suppressed': {
        const e = email(id);
        e.suppressed += count;
        e.suppressedReasons[port] = (e.suppressedReasons[port] ?? 0) + count;
        break;
      }
      case 'email_opened':
        email(id).opened += count;
        break;
      case 'unique_email_opened':
        email(id).uniqueOpened += count;
        break;
      case 'email_clicked':
        email(id).clicked += count;
        break;
      case 'unique_email_clicked':
        email(id).uniqueClicked += count;
        break;
      case 'unsubscribed':
        email(id).unsubscribed += count;
        break;
      case 'branch_goal':
      case 'branch_completed': {
        const b = ((branchEnds[id] ??= {})[port] ??= { goal: 0, completed: 0 });
        b[kind === 'branch_goal' ? 'goal' : 'completed'] += count;
        break;
      }
    }
  }
  const measure = flow.hasGoal ? 'goal' : 'completion';
  const splits: FlowReport['splits'] = {};
  for (const n of flow.nodes) {
    if (n.type !== 'split') continue;
    const keys = [...new Set([...(n.branches ?? []), ...Object.keys(nodes[n.id]?.ports ?? {})])];
    const branches = Object.fromEntries(
      keys.map((k) => {
        const ends = branchEnds[n.id]?.[k];
        // Completion counts every enrolment that reached the end, with or without the goal.
        const goal = flow.hasGoal ? (ends?.goal ?? 0) : (ends?.goal ?? 0) + (ends?.completed ?? 0);
        return [k, { entered: nodes[n.id]?.ports[k] ?? 0, goal }];
      }),
    );
    splits[n.id] = { measure, branches, probabilityBest: probabilityBest(branches) };
  }
  return {
    flow: flowId,
    ...range,
    enrolled,
    active: status.active ?? 0,
    completed: status.completed ?? 0,
    goal: status.goal ?? 0,
    removed: status.removed ?? 0,
    perDay: perDay.map((d) => ({ day: dayOf(d.day * DAY), enrolled: d.count })),
    nodes,
    emails,
    splits,
    handoffs: handoffs.report(flow.nodes.filter((n) => n.type === 'handoff').map((n) => n.id)),
  };
}
