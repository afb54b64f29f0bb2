import type { Problem } from '@hourglass/documents';

// zod's default sentences are for developers; these are the ones a marketer meets in the editor.
const REWRITES: [RegExp, string][] = [
  [/^Too small: expected string to have >=1 characters?$/, 'This cannot be empty.'],
  [/^Too small: expected array to have >=1 items?$/, 'Choose at least one.'],
  [/^"(\w+)" must be int\.$/, 'This must be a whole number.'],
];

/** The problem's sentence without the node prefix (shown next to the field) and in plain words. */
export function friendlyMessage(problem: Problem, withNode = false): string {
  let text = problem.message;
  const prefix = problem.nodeId !== undefined ? `Node "${problem.nodeId}": ` : '';
  if (prefix && text.startsWith(prefix)) text = text.slice(prefix.length);
  for (const [re, replacement] of REWRITES) if (re.test(text)) text = replacement;
  text = text.charAt(0).toUpperCase() + text.slice(1);
  return withNode && prefix ? `${prefix}${text}` : text;
}
