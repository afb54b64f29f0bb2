import type { Scalar } from '@hourglass/documents';

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Reads a value typed by the marketer: numbers, true, false and null as such, anything else as
 * text. Quotes keep text that looks like a number ("\"0043\"").
 */
export function parseScalar(text: string): Scalar {
  const t = text.trim();
  if (/^".*"$/.test(t) && t.length >= 2) return t.slice(1, -1);
  if (NUMBER.test(t)) return Number(t);
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'null') return null;
  return t;
}

/** Writes a value so that `parseScalar` reads it back the same. */
export function formatScalar(value: Scalar | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return typeof parseScalar(value) === 'string' && parseScalar(value) === value ? value : `"${value}"`;
  return String(value);
}

/** A comma-separated list of values ("DE, AT, CH"). */
export function parseScalarList(text: string): Scalar[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(parseScalar);
}

export function formatScalarList(values: readonly Scalar[] | undefined): string {
  return (values ?? []).map(formatScalar).join(', ');
}
