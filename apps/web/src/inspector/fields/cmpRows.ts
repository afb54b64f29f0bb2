import { STAGES, type Scalar } from '@hourglass/documents';
import { formatScalar, formatScalarList, parseScalar, parseScalarList } from './scalarText.ts';

export type CmpKind = 'number' | 'stage' | 'scalar';
export const CMP_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'exists'] as const;
export type CmpOp = (typeof CMP_OPS)[number];

export const OP_LABELS: Record<CmpOp, string> = {
  eq: 'is',
  ne: 'is not',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  in: 'is one of',
  contains: 'contains',
  exists: 'is set',
};

/** The operators that make sense for a kind of value. */
export function opsFor(kind: CmpKind): CmpOp[] {
  return kind === 'scalar' ? [...CMP_OPS] : CMP_OPS.filter((o) => o !== 'contains');
}

export interface CmpRow {
  op: CmpOp;
  text: string;
}

export function cmpToRows(cmp: Record<string, unknown> | undefined): CmpRow[] {
  return Object.entries(cmp ?? {})
    .filter(([op]) => (CMP_OPS as readonly string[]).includes(op))
    .map(([op, v]) => ({ op: op as CmpOp, text: formatValue(op as CmpOp, v) }));
}

function formatValue(op: CmpOp, v: unknown): string {
  if (op === 'in') return formatScalarList(Array.isArray(v) ? (v as Scalar[]) : []);
  if (op === 'exists') return v === false ? 'false' : 'true';
  if (op === 'contains') return typeof v === 'string' ? v : String(v ?? '');
  return formatScalar(v as Scalar);
}

/** Reads one row's value for its operator and kind, or says why it is not one. */
export function rowValue(row: CmpRow, kind: CmpKind): { ok: true; value: unknown } | { ok: false; error: string } {
  const { op, text } = row;
  if (op === 'exists') return { ok: true, value: text !== 'false' };
  if (op === 'contains') return { ok: true, value: text };
  const one = (t: string): { ok: true; value: unknown } | { ok: false; error: string } => {
    if (kind === 'number') {
      return t.trim() !== '' && Number.isFinite(Number(t)) ? { ok: true, value: Number(t) } : { ok: false, error: `"${t}" is not a number.` };
    }
    if (kind === 'stage') {
      return (STAGES as readonly string[]).includes(t.trim()) ? { ok: true, value: t.trim() } : { ok: false, error: `"${t}" is not a stage.` };
    }
    return { ok: true, value: parseScalar(t) };
  };
  if (op === 'in') {
    if (kind === 'scalar') return { ok: true, value: parseScalarList(text) };
    const parts = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(one);
    const bad = parts.find((p) => !p.ok);
    return bad ?? { ok: true, value: parts.map((p) => (p as { value: unknown }).value) };
  }
  return one(text);
}

/** The comparison object of rows, or the first row's error. */
export function rowsToCmp(rows: readonly CmpRow[], kind: CmpKind): { ok: true; cmp: Record<string, unknown> } | { ok: false; errors: (string | null)[] } {
  const results = rows.map((r) => rowValue(r, kind));
  if (results.some((r) => !r.ok)) return { ok: false, errors: results.map((r) => (r.ok ? null : r.error)) };
  return { ok: true, cmp: Object.fromEntries(rows.map((r, i) => [r.op, (results[i] as { value: unknown }).value])) };
}

/** The default text of a new row of an operator. */
export function defaultText(op: CmpOp, kind: CmpKind): string {
  if (op === 'exists') return 'true';
  if (kind === 'stage') return op === 'in' ? 'mql, sql' : 'mql';
  if (kind === 'number') return '0';
  return '';
}
