import { distance } from 'fastest-levenshtein';
import { createLiquid } from './createLiquid.ts';
import type { Problem } from './problem.ts';

/** What `contact` holds besides the properties (spec §2). */
export const CONTACT_FIELDS = ['id', 'email', 'stage', 'score', 'owner'] as const;

const liquid = createLiquid();
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The names a template reads from `contact` (`{{ contact.firstName }}` → `firstName`), once
 * each, in order. A template that does not parse reads nothing here: validation already reports
 * it (`bad-template`).
 */
export function contactVariables(source: string): string[] {
  if (!source.includes('contact')) return [];
  try {
    const names = liquid
      .globalVariableSegmentsSync(liquid.parse(source))
      .flatMap((segments) => (segments[0] === 'contact' && typeof segments[1] === 'string' ? [segments[1]] : []));
    return [...new Set(names)];
  } catch {
    return [];
  }
}

/**
 * Every contact property a document names: property conditions (`{"property": {"name": …}}`),
 * `until.property` waits and the keys an `update` sets. Works on any JSON (a flow, a scoring
 * model, a draft that does not validate yet), so it never throws.
 */
export function documentPropertyNames(doc: unknown): string[] {
  const out = new Set<string>();
  const stack: unknown[] = [doc];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (isObject(v)) {
      for (const [key, x] of Object.entries(v)) {
        if (key === 'property' && typeof x === 'string') out.add(x);
        if (key === 'property' && isObject(x) && typeof x.name === 'string') out.add(x.name);
        if (key === 'set' && isObject(x)) for (const name of Object.keys(x)) out.add(name);
        stack.push(x);
      }
    }
  }
  return [...out];
}

/**
 * The known name closest to `name` when it is close enough to be a slip of the keyboard: the
 * same letters in another case, or at most one edit in three letters (`frstName` → `firstName`).
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  let best: { name: string; d: number } | undefined;
  const lower = name.toLowerCase();
  for (const k of known) {
    // Case counts a little, so "firstname" prefers "firstName" to "firstNam".
    const d = distance(lower, k.toLowerCase()) + (k === name ? 0 : 0.1);
    if (!best || d < best.d) best = { name: k, d };
  }
  return best && best.d <= Math.max(1, Math.floor(name.length / 3)) + 0.1 ? best.name : undefined;
}

/**
 * Warnings for the `contact` variables of a flow's email templates that name no field of a
 * contact and no property known to the workspace (`known`: seen on contacts, in the scoring
 * model, on forms) or to the flow itself (`documentPropertyNames`): such a variable renders
 * empty ("Hi , still there?"). Each says which name was probably meant (`unknown-variable`).
 * Takes the flow as JSON, so a draft that does not validate yet is checked too.
 */
export function templateVariableProblems(flow: unknown, known: Iterable<string>): Problem[] {
  if (!isObject(flow) || !Array.isArray(flow.nodes)) return [];
  const names = new Set<string>([...CONTACT_FIELDS, ...known, ...documentPropertyNames(flow)]);
  const problems: Problem[] = [];
  flow.nodes.forEach((n, index) => {
    if (!isObject(n) || n.type !== 'sendEmail' || !isObject(n.config) || typeof n.id !== 'string') return;
    for (const part of ['subject', 'body'] as const) {
      const source = n.config[part];
      if (typeof source !== 'string') continue;
      for (const name of contactVariables(source)) {
        if (names.has(name)) continue;
        const guess = closestName(name, names);
        problems.push({
          severity: 'warning',
          code: 'unknown-variable',
          pointer: `/nodes/${index}/config/${part}`,
          nodeId: n.id,
          message: `Node "${n.id}": the ${part} uses {{ contact.${name} }}, but no contact has a property "${name}", so it shows nothing.${guess ? ` Did you mean ${guess}?` : ''}`,
        });
      }
    }
  });
  return problems;
}
