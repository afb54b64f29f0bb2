import { z } from 'zod';

/** One validation finding (spec §5): errors make a flow unpublishable, warnings do not. */
export const Problem = z.object({
  severity: z.enum(['error', 'warning']),
  /** A stable machine-readable code, such as `bad-duration` or `unreachable-node`. */
  code: z.string(),
  /** A JSON pointer into the document, such as `/nodes/3/config/timeout`. */
  pointer: z.string(),
  nodeId: z.string().optional(),
  /** A sentence a marketer understands. */
  message: z.string(),
});
export type Problem = z.infer<typeof Problem>;

export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
