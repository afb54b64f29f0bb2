import { MAX_DURATION_MS, parseDuration } from '@hourglass/documents';

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

// A duration of one unit as written, so that a huge number shows exactly as it is stored.
const ONE_UNIT = /^-?P(?:(\d+)W|(\d+)D|T(\d+)H|T(\d+)M)$/;

/**
 * An ISO duration as a number and the largest unit that divides it ("P1DT6H" → 30 hours). A
 * field that is not `signed` shows a stored minus in the number ("-3") rather than hiding it, so
 * the marketer sees what is stored and typing a number replaces it.
 */
export function durationParts(iso: string | undefined, fallbackUnit: DurationUnit = 'days', signed = true): DurationParts {
  const r = iso === undefined ? null : parseDuration(iso);
  if (!r || !r.ok) return { amount: '', unit: fallbackUnit, negative: false };
  const negative = r.ms < 0;
  const show = (amount: string, unit: DurationUnit): DurationParts =>
    negative && !signed ? { amount: `-${amount}`, unit, negative: false } : { amount, unit, negative };
  const ms = Math.abs(r.ms);
  if (ms === 0) return { amount: '0', unit: fallbackUnit, negative: false };
  const one = ONE_UNIT.exec(iso!);
  if (ms > MAX_DURATION_MS && one) {
    const [w, d, h] = [one[1], one[2], one[3]];
    return show((w ?? d ?? h ?? one[4])!, w ? 'weeks' : d ? 'days' : h ? 'hours' : 'minutes');
  }
  const fit = [...DURATION_UNITS].reverse().find((u) => ms % u.ms === 0) ?? DURATION_UNITS[0];
  return show(String(Math.round(ms / fit.ms)), fit.unit);
}

/** The ISO duration of a number and a unit, or an error sentence when the number is not one. */
export function durationFromParts({ amount, unit, negative }: DurationParts): { ok: true; iso: string } | { ok: false; error: string } {
  const t = amount.trim();
  if (/^-\d+$/.test(t)) return { ok: false, error: `This duration cannot be negative: enter ${t.slice(1)} ${unit}, without the minus.` };
  if (!/^\d+$/.test(t)) return { ok: false, error: t === '' ? `Enter a number of ${unit}.` : `Enter a whole number of ${unit}, like 3.` };
  const u = DURATION_UNITS.find((d) => d.unit === unit)!;
  const iso = u.iso(Number(t));
  return { ok: true, iso: negative && Number(t) > 0 ? `-${iso}` : iso };
}
