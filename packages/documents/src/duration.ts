/** Milliseconds in one unit of an ISO 8601 duration. A day is exactly 24 hours (spec §1). */
const UNIT_MS = { W: 7 * 86_400_000, D: 86_400_000, H: 3_600_000, M: 60_000, S: 1000 } as const;

const DURATION_RE = /^(-)?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export type DurationResult = { ok: true; ms: number } | { ok: false; error: string };

/**
 * Parses an ISO 8601 duration of weeks, days, hours, minutes and seconds (`P3D`, `PT12H`,
 * `-P1D`) into milliseconds. Years and months are refused because their length varies.
 */
export function parseDuration(text: string): DurationResult {
  if (typeof text !== 'string') return { ok: false, error: 'A duration must be text such as "P3D".' };
  const m = DURATION_RE.exec(text);
  if (!m || text === 'P' || text === '-P' || text.endsWith('T')) {
    if (/^-?P.*\d+Y/.test(text) || /^-?P[^T]*\d+M/.test(text)) {
      return { ok: false, error: `"${text}" uses years or months, whose length varies: use weeks or days instead (for example "P30D").` };
    }
    return { ok: false, error: `"${text}" is not a duration: write it like "P3D" (3 days), "PT12H" (12 hours) or "P1DT6H".` };
  }
  const [, minus, w, d, h, min, s] = m;
  const ms =
    Number(w ?? 0) * UNIT_MS.W +
    Number(d ?? 0) * UNIT_MS.D +
    Number(h ?? 0) * UNIT_MS.H +
    Number(min ?? 0) * UNIT_MS.M +
    Math.round(Number(s ?? 0) * UNIT_MS.S);
  return { ok: true, ms: minus ? -ms : ms };
}

/**
 * The longest duration a document may hold: 10 years of 365 days (3,650 days). Longer waits,
 * timeouts or windows are mistakes (a typed 99999999999999 days), and past it the milliseconds
 * of an instant would overflow what a date can hold.
 */
export const MAX_DURATION_MS = 3650 * UNIT_MS.D;
/** `MAX_DURATION_MS` in words, for problems and the docs. */
export const MAX_DURATION_TEXT = '10 years (3,650 days)';

/**
 * What is wrong with a duration of a document, with a stable code, or null: it must parse
 * (`bad-duration`), be at most `MAX_DURATION_MS` either way (`duration-too-long`) and, unless it
 * is an offset (`signed`, spec §1: only an offset carries a sign), not be negative
 * (`negative-duration`).
 */
export function durationProblem(text: string, signed = false): { code: string; message: string } | null {
  const r = parseDuration(text);
  if (!r.ok) return { code: 'bad-duration', message: r.error };
  if (r.ms < 0 && !signed) {
    return {
      code: 'negative-duration',
      message: `"${text}" is negative, but this duration counts forward from now: write "${text.slice(1)}". Only an offset may be negative.`,
    };
  }
  if (Math.abs(r.ms) > MAX_DURATION_MS) {
    return { code: 'duration-too-long', message: `"${text}" is longer than ${MAX_DURATION_TEXT}, the longest duration Hourglass accepts.` };
  }
  return null;
}

/** Milliseconds of a duration already validated by the schemas; throws on a bad one. */
export function durationMs(text: string): number {
  const known = parsed.get(text);
  if (known !== undefined) return known;
  const r = parseDuration(text);
  if (!r.ok) throw new Error(r.error);
  // Flows use a handful of durations, each parsed at every wait a contact enters.
  if (parsed.size > 1000) parsed.clear();
  parsed.set(text, r.ms);
  return r.ms;
}
const parsed = new Map<string, number>();

/** Renders milliseconds as a short human text: "3 days", "12 hours", "1 day 6 hours". */
export function humanDuration(text: string): string {
  const r = parseDuration(text);
  if (!r.ok) return text;
  // Past the longest duration the parts would be noise of floating point ("14285714285714 weeks …").
  if (Math.abs(r.ms) > MAX_DURATION_MS) return `more than ${MAX_DURATION_TEXT.replace(/ \(.*/, '')}${r.ms < 0 ? ' before' : ''}`;
  let rest = Math.abs(r.ms);
  const parts: string[] = [];
  for (const [unit, ms] of [
    ['week', UNIT_MS.W],
    ['day', UNIT_MS.D],
    ['hour', UNIT_MS.H],
    ['minute', UNIT_MS.M],
    ['second', UNIT_MS.S],
  ] as const) {
    const n = Math.floor(rest / ms);
    if (n > 0) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
    rest -= n * ms;
  }
  const body = parts.length ? parts.join(' ') : '0 seconds';
  return r.ms < 0 ? `${body} before` : body;
}

/**
 * Milliseconds as an ISO 8601 duration in days, hours, minutes and whole seconds (`P1DT2H30M`,
 * `PT0S`, `-PT1H`): what `parseDuration` reads back, to the second.
 */
export function isoDuration(ms: number): string {
  if (ms < 0) return `-${isoDuration(-ms)}`;
  let rest = Math.round(ms / 1000);
  const parts: [number, string][] = [];
  for (const [unit, seconds] of [
    ['D', 86_400],
    ['H', 3600],
    ['M', 60],
    ['S', 1],
  ] as const) {
    parts.push([Math.floor(rest / seconds), unit]);
    rest %= seconds;
  }
  const [days, ...time] = parts.map(([n, unit]) => (n ? `${n}${unit}` : ''));
  const clock = time.join('');
  return days || clock ? `P${days}${clock ? `T${clock}` : ''}` : 'PT0S';
}
