import type { Flow } from '@hourglass/documents';

const OPERATORS = ['eq', 'gt', 'gte', 'lt', 'lte'] as const;

// Walks any JSON value; a `score` key holding an object is a score comparison (a number `score`,
// such as an update's `addScore`, is not one).
function collect(value: unknown, out: Set<number>) {
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'score' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      for (const op of OPERATORS) {
        const n = (v as Record<string, unknown>)[op];
        if (typeof n === 'number') out.add(n);
      }
      const list = (v as Record<string, unknown>).in;
      if (Array.isArray(list)) for (const n of list) if (typeof n === 'number') out.add(n);
    } else {
      collect(v, out);
    }
  }
}

/**
 * The scores the flow compares against, for the lines on the score chart: every `score`
 * condition (in conditions, waits, routing rules and the goal) and the score triggers. Ascending.
 */
export function scoreThresholds(flow: Flow): number[] {
  const out = new Set<number>();
  for (const n of flow.nodes) {
    if (n.type === 'trigger' && n.config.on === 'score') out.add(n.config.gte);
    else collect(n.config, out);
  }
  collect(flow.settings, out);
  return [...out].sort((a, b) => a - b);
}
