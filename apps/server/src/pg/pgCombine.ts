// Fewer round trips per batch: several statements sent as one (see PgWorker.batch).
import type { Query, Row } from './pgReads.ts';

/** The statement's parameters renumbered after `offset` others. */
const shift = (text: string, offset: number) => (offset ? text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`) : text);

function gather(queries: readonly Query[], each: (text: string, i: number) => string): { parts: string[]; values: unknown[] } {
  const values: unknown[] = [];
  const parts = queries.map((q, i) => {
    const text = each(shift(q.text, values.length), i);
    values.push(...(q.values ?? []));
    return text;
  });
  return { parts, values };
}

/**
 * Read-only SELECTs as one statement: each one's rows as a JSON array in a column of its own
 * (`splitReads` gives them back). One snapshot for all, taken when it starts: only for reads
 * under locks already held.
 */
export function combineReads(queries: readonly Query[]): Query {
  const { parts, values } = gather(queries, (text, i) => `(SELECT coalesce(json_agg(q), '[]') FROM (${text}) AS q) AS r${i}`);
  return { text: `SELECT ${parts.join(', ')}`, values };
}

/** The rows of each query of `combineReads`, in order. */
export function splitReads(row: Row, count: number): Row[][] {
  return Array.from({ length: count }, (_, i) => row[`r${i}`] as Row[]);
}

/**
 * INSERT, UPDATE and DELETE statements as one (data-modifying WITH clauses): they run on one
 * snapshot and none sees the others' rows, so only statements that touch different rows and
 * read nothing another one writes (unitCommit.ts marks the others `alone`).
 */
export function combineWrites(queries: readonly Query[]): Query {
  if (queries.length === 1) return queries[0]!;
  const { parts, values } = gather(queries, (text, i) => `w${i} AS (${text})`);
  return { text: `WITH ${parts.join(', ')} SELECT 1`, values };
}
