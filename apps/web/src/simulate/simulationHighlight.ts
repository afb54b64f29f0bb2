import type { FlowEdge, Trace } from '@hourglass/documents';
import { edgeId } from '../canvas/toCanvasEdge.ts';

/** What the canvas shows of a simulation: the nodes the contact entered and the edges it took (canvas edge ids). */
export interface SimulationHighlight {
  visitedNodes: string[];
  takenEdges: string[];
}

/**
 * Reads the path off the trace: within an enrolment, each step leads to the next by the edge
 * from its node (by the port it left by) to the next step's node. Edges that no longer exist in
 * the flow are left out.
 */
export function simulationHighlight(trace: Trace, edges: readonly FlowEdge[]): SimulationHighlight {
  const visited = new Set<string>();
  const taken = new Set<string>();
  const ids = new Set(edges.map(edgeId));
  for (const enrolment of trace.enrolments) {
    enrolment.steps.forEach((step, i) => {
      visited.add(step.node);
      const next = enrolment.steps[i + 1];
      if (!next) return;
      const id = edgeId({ from: step.node, to: next.node, ...(step.port !== undefined ? { port: step.port } : {}) });
      if (ids.has(id)) taken.add(id);
    });
  }
  return { visitedNodes: [...visited], takenEdges: [...taken] };
}
