import type { Flow, Problem, TriggerOverlap } from '@hourglass/documents';

/**
 * The triggers shared with other live flows as warnings of the problems panel, on the trigger
 * they are about (one that is no longer in the draft is left out).
 */
export function overlapProblems(flow: Flow, overlaps: readonly TriggerOverlap[]): Problem[] {
  return overlaps.flatMap((o) => {
    const index = flow.nodes.findIndex((n) => n.id === o.nodeId && n.type === 'trigger');
    if (index < 0) return [];
    return [
      {
        severity: 'warning' as const,
        code: 'trigger-overlap',
        pointer: `/nodes/${index}/config`,
        nodeId: o.nodeId,
        message: `Node "${o.nodeId}": contacts who enter here also enter “${o.flowName}” (live, version ${o.version}): ${o.reason}. Make sure they are meant to get the emails of both.`,
      },
    ];
  });
}
