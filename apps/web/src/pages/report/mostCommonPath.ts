import type { FlowReport } from '@hourglass/api';
import type { Flow } from '@hourglass/documents';

/** One step of the funnel: the node, how many entered it, and the port taken to the next step. */
export interface FunnelStep {
  node: string;
  entered: number;
  /** The port followed to the next step (null for a node with one way out, or the last step). */
  port: string | null;
  /** Entered here minus entered at the next step (negative when others join from other paths); null at the last step. */
  drop: number | null;
}

/**
 * The funnel along the most common path: from the trigger most contacts entered by, at each node
 * the port most contacts left by (ties: the edge drawn first), until a node with no way out, one
 * nobody has left yet, or a node already on the path (a loop).
 */
export function mostCommonPath(flow: Pick<Flow, 'nodes' | 'edges'>, report: Pick<FlowReport, 'nodes'>): FunnelStep[] {
  const entered = (id: string) => report.nodes[id]?.entered ?? 0;
  const triggers = flow.nodes.filter((n) => n.type === 'trigger');
  if (triggers.length === 0) return [];
  let at: string | undefined = triggers.reduce((best, n) => (entered(n.id) > entered(best.id) ? n : best)).id;
  const path: FunnelStep[] = [];
  const seen = new Set<string>();
  while (at !== undefined && !seen.has(at)) {
    seen.add(at);
    const id: string = at;
    const out = flow.edges.filter((e) => e.from === id);
    const named = out.filter((e) => e.port !== undefined);
    let next: (typeof out)[number] | undefined;
    if (named.length > 0) {
      const ports: Record<string, number> = report.nodes[id]?.ports ?? {};
      const best = named.reduce((a, b) => ((ports[b.port!] ?? 0) > (ports[a.port!] ?? 0) ? b : a));
      next = (ports[best.port!] ?? 0) > 0 ? best : undefined;
    } else {
      next = out[0];
    }
    path.push({ node: id, entered: entered(id), port: next?.port ?? null, drop: null });
    at = next?.to;
  }
  for (let i = 0; i < path.length - 1; i++) path[i]!.drop = path[i]!.entered - path[i + 1]!.entered;
  return path;
}
