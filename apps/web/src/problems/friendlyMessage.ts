import { plainMessage, type Problem } from '@hourglass/documents';

/** The problem's sentence without the node prefix (shown next to the field) and in plain words. */
export function friendlyMessage(problem: Problem, withNode = false): string {
  let text = problem.message;
  const prefix = problem.nodeId !== undefined ? `Node "${problem.nodeId}": ` : '';
  if (prefix && text.startsWith(prefix)) text = text.slice(prefix.length);
  text = plainMessage(text);
  text = text.charAt(0).toUpperCase() + text.slice(1);
  return withNode && prefix ? `${prefix}${text}` : text;
}
