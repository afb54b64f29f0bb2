/** A count as a marketer reads it: 12,345. */
export const count = (v: number): string => v.toLocaleString('en');

/** A share as a percent with one decimal, "–" when there is nothing to divide by. */
export const share = (part: number, whole: number): string => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '–');

/** A share as a whole percent for tight places (the canvas): "62%", "<1%" for a small non-zero one. */
export function shortShare(part: number, whole: number): string {
  if (whole <= 0) return '–';
  const p = (part / whole) * 100;
  return part > 0 && p < 0.5 ? '<1%' : part < whole && p > 99.5 ? '>99%' : `${Math.round(p)}%`;
}

/** A rate (a fraction, null for nothing to divide by) as a whole percent: "62%". */
export const shortRate = (r: number | null): string => (r === null ? '–' : shortShare(r, 1));

/** A UTC day (YYYY-MM-DD, as the report gives it) in words: "Mon 2 Mar 2026". */
export function dayInWords(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).replace(',', '');
}
