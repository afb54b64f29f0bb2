import type { z } from 'zod';
import { STAGES } from './stages.ts';
import { NODE_TYPES } from './flow.ts';
import { toPointer, type Problem } from './problem.ts';

type Issue = z.core.$ZodIssue;

// zod's default sentences are written for developers; these are the ones a marketer meets.
const PLAIN: [RegExp, string][] = [
  [/^Too small: expected string to have >=1 characters?$/, 'This cannot be empty.'],
  [/^Too small: expected array to have >=1 items?$/, 'Choose at least one.'],
  [/^"(\w+)" must be int\.$/, 'This must be a whole number.'],
];

/** A problem sentence in plain words: zod's developer phrasing replaced where we know better. */
export function plainMessage(text: string): string {
  for (const [re, replacement] of PLAIN) if (re.test(text)) return replacement;
  return text;
}

/**
 * Turns zod issues into problems a marketer can act on. Union failures are narrowed to the
 * alternative that came closest, so `{"for": "P3Y"}` is reported as a bad duration rather than
 * "matches no alternative".
 */
export function problemsFromZod(issues: readonly Issue[], doc: unknown, nodeIdAt: (index: number) => string | undefined): Problem[] {
  const out: Problem[] = [];
  const visit = (issue: Issue, prefix: readonly PropertyKey[]) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // A value of none of several plain types (a property that is an object or a list): name them all.
      const types = issue.errors.map((b) => (b.length === 1 && b[0]!.code === 'invalid_type' && b[0]!.path.length === 0 ? b[0]!.expected : null));
      if (types.every((t) => t !== null)) {
        const names = [...new Set(types.map((t) => article(t!)))];
        const value = valueAt(doc, path);
        const got = Array.isArray(value) ? 'a list' : value === null ? 'null' : article(typeof value);
        push(path, {
          code: 'wrong-type',
          message: `"${String(path[path.length - 1])}" must be ${names.length > 1 ? `${names.slice(0, -1).join(', ')} or ` : ''}${names[names.length - 1]}, not ${got}.`,
          pointerPath: path,
        });
        return;
      }
      const best = [...issue.errors].sort((a, b) => branchCost(a) - branchCost(b))[0]!;
      for (const sub of best) visit(sub, path);
      return;
    }
    push(path, describe(issue, path, doc));
  };
  const push = (path: readonly PropertyKey[], { code, message: raw, pointerPath }: { code: string; message: string; pointerPath: PropertyKey[] }) => {
    const nodeIndex = path[0] === 'nodes' && typeof path[1] === 'number' ? path[1] : undefined;
    const nodeId = nodeIndex === undefined ? undefined : nodeIdAt(nodeIndex);
    const message = plainMessage(raw);
    out.push({
      severity: 'error',
      code,
      pointer: toPointer(pointerPath),
      ...(nodeId ? { nodeId } : {}),
      message: nodeId ? `Node "${nodeId}": ${message}` : message,
    });
  };
  for (const issue of issues) visit(issue, []);
  return out;
}

// Fewer issues wins; among equals, the branch whose issues reach deepest (it matched further).
function branchCost(issues: readonly Issue[]): number {
  const structural = issues.filter((i) => i.code === 'unrecognized_keys' || (i.code === 'invalid_type' && i.path.length <= 1)).length;
  const depth = Math.max(0, ...issues.map((i) => i.path.length));
  return issues.length * 10 + structural * 5 - depth;
}

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = doc;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

function describe(issue: Issue, path: PropertyKey[], doc: unknown): { code: string; message: string; pointerPath: PropertyKey[] } {
  const last = path[path.length - 1];
  switch (issue.code) {
    case 'custom': {
      const code = (issue.params as { code?: string } | undefined)?.code ?? 'bad-value';
      return { code, message: issue.message, pointerPath: path };
    }
    case 'invalid_union': {
      // A discriminated union whose discriminator matched nothing.
      const disc = (issue as { discriminator?: string }).discriminator;
      const at = disc && last === disc ? path : disc ? [...path, disc] : path;
      const value = valueAt(doc, at);
      if (path[0] === 'nodes' && at.length === 3 && at[2] === 'type') {
        return { code: 'unknown-node-type', message: `${JSON.stringify(value)} is not a node type: use one of ${NODE_TYPES.join(', ')}.`, pointerPath: at };
      }
      if (disc) {
        return { code: 'bad-config', message: `${JSON.stringify(value)} is not a valid "${disc}" here.`, pointerPath: at };
      }
      return { code: 'bad-config', message: 'This value does not have any of the allowed shapes.', pointerPath: path };
    }
    case 'invalid_value': {
      if (path.length === 1 && last === 'format') {
        return {
          code: 'unknown-format',
          message: `Unknown format ${JSON.stringify(valueAt(doc, path))}: expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}.`,
          pointerPath: path,
        };
      }
      if (issue.values.length === STAGES.length && issue.values.every((v, i) => v === STAGES[i])) {
        return { code: 'bad-stage', message: issue.message, pointerPath: path };
      }
      return { code: 'bad-value', message: issue.message || `Use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`, pointerPath: path };
    }
    case 'unrecognized_keys':
      return {
        code: 'unknown-field',
        message: issue.keys.length === 1 ? `Unknown field "${issue.keys[0]}" here.` : `Unknown fields here: ${issue.keys.map((k) => `"${k}"`).join(', ')}.`,
        pointerPath: issue.keys.length === 1 ? [...path, issue.keys[0]!] : path,
      };
    case 'invalid_type': {
      if (valueAt(doc, path) === undefined) {
        return { code: 'missing-field', message: `"${String(last)}" is required here.`, pointerPath: path };
      }
      return { code: 'wrong-type', message: `"${String(last)}" must be ${article(issue.expected)}.`, pointerPath: path };
    }
    default:
      return { code: 'bad-value', message: issue.message, pointerPath: path };
  }
}

function article(expected: string): string {
  switch (expected) {
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'null';
    default:
      return expected;
  }
}
