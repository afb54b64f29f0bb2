import { hasErrors } from './problem.ts';
import { validateFlow, type FlowValidation } from './validateFlow.ts';

/**
 * Validation as publishing applies it: spec §5, plus one rule of the editor and the server that
 * the spec leaves a warning — a step no trigger reaches is an error. Such a step is nearly always
 * a connection cut by mistake (dragging a new one from a connected port replaces the old one),
 * and publishing it would silently leave half a flow unused. `hourglass validate` keeps the
 * spec's warning; docs/semantics.md says why.
 */
export function validateForPublishing(doc: unknown): FlowValidation {
  const v = validateFlow(doc);
  const problems = v.problems.map((p) =>
    p.code === 'unreachable-node'
      ? {
          ...p,
          severity: 'error' as const,
          message: `${p.nodeId !== undefined ? `Node "${p.nodeId}": ` : ''}no trigger leads to this step, so no contact would ever reach it: connect it to the flow or delete it before publishing.`,
        }
      : p,
  );
  return { flow: v.flow, problems, ok: !hasErrors(problems) };
}
