import { Flow } from '@hourglass/documents';
import { summarizeNode } from '../../summaries/summarizeNode.ts';

/** What the report page needs of the flow document: its nodes and edges, and a name for each node. */
export interface ReportFlow {
  flow: Pick<Flow, 'nodes' | 'edges'>;
  /** The node's label, else its one-line summary, as on the canvas. */
  nameOf: (id: string) => string;
}

/** Reads a published version's document (always valid; anything else gives a flow without nodes). */
export function reportFlow(doc: unknown): ReportFlow {
  const parsed = Flow.safeParse(doc);
  const flow = parsed.success ? parsed.data : { nodes: [], edges: [] };
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  return {
    flow,
    nameOf: (id) => {
      const n = byId.get(id);
      return n?.label || (n ? summarizeNode(n) : id);
    },
  };
}
