import type { FileProblem } from './loadDocuments.ts';

/** One line per problem: where, what, and the stable code in brackets. */
export function formatProblems(problems: readonly FileProblem[]): string {
  return problems.map((p) => `  ${p.severity === 'error' ? 'error  ' : 'warning'} ${p.pointer || '/'}  ${p.message} [${p.code}]`).join('\n');
}

export function countLine(problems: readonly FileProblem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
