import { parseDuration } from '@hourglass/documents';

export const DURATION_UNITS = [
  { unit: 'minutes', ms: 60_000, iso: (n: number) => `PT${n}M` },
  { unit: 'hours', ms: 3_600_000, iso: (n: number) => `PT${n}H` },
  { unit: 'days', ms: 86_400_000, iso: (n: number) => `P${n}D` },
  { unit: 'weeks', ms: 604_800_000, iso: (n: number) => `P${n}W` },
] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number]['unit'];

export interface DurationParts {
  amount: string;
  unit: DurationUnit;
  negative: boolean;
}

/** An ISO duration as a number and the largest unit that divides it ("P1DT6H" → 30 hours). */
export function durationParts(iso: string | undefined, fallbackUnit: DurationUnit = 'days'): DurationParts {
  const r = iso === undefined ? null : parseDuration(iso);
  if (!r || !r.ok) return { amount: iso === undefined ? '' : '', unit: fallbackUnit, negative: false };
  const ms = Math.abs(r.ms);
  if (ms === 0) return { amount: '0', unit: fallbackUnit, negative: false };
  const fit = [...DURATION_UNITS].reverse().find((u) => ms % u.ms === 0) ?? DURATION_UNITS[0];
  return { amount: String(ms / fit.ms), unit: fit.unit, negative: r.ms < 0 };
}

/** The ISO duration of a number and a unit, or an error sentence when the number is not one. */
export function durationFromParts({ amount, unit, negative }: DurationParts): { ok: true; iso: string } | { ok: false; error: string } {
  const t = amount.trim();
  if (!/^\d+$/.test(t)) return { ok: false, error: t === '' ? `Enter a number of ${unit}.` : `Enter a whole number of ${unit}, like 3.` };
  const u = DURATION_UNITS.find((d) => d.unit === unit)!;
  const iso = u.iso(Number(t));
  return { ok: true, iso: negative && Number(t) > 0 ? `-${iso}` : iso };
}
