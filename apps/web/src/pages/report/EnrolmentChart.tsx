import { dayInWords } from '../../report/reportNumbers.ts';

const W = 640;
const H = 180;
const LEFT = 44;
const BOTTOM = 28;
const TOP = 10;

/** A round axis maximum (1, 2 or 5 times a power of ten) at or above `n`. */
function niceMax(n: number): number {
  if (n <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= n)!;
}

/**
 * Enrolments per day as bars, with a y axis in contacts and the first and last day on the x
 * axis. The SVG's label says what it shows; the table beside it is the text alternative.
 */
export function EnrolmentChart({ perDay }: { perDay: readonly { day: string; enrolled: number }[] }) {
  if (perDay.length === 0) return <p className="hg-hint">No contacts entered in this range.</p>;
  // Every day of the range, so a day without entries shows as a gap.
  const days: { day: string; enrolled: number }[] = [];
  const byDay = new Map(perDay.map((d) => [d.day, d.enrolled]));
  for (let t = Date.parse(perDay[0]!.day), end = Date.parse(perDay.at(-1)!.day); t <= end && days.length < 3660; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push({ day, enrolled: byDay.get(day) ?? 0 });
  }
  const max = niceMax(Math.max(...days.map((d) => d.enrolled)));
  const slot = (W - LEFT - 8) / days.length;
  const bar = Math.max(1, Math.min(40, slot * 0.8));
  const y = (v: number) => TOP + (1 - v / max) * (H - TOP - BOTTOM);
  const total = days.reduce((s, d) => s + d.enrolled, 0);
  return (
    <svg
      className="hg-report-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      data-testid="enrolment-chart"
      aria-label={`Contacts entering per day, ${dayInWords(days[0]!.day)} to ${dayInWords(days.at(-1)!.day)}: ${total} in all, at most ${Math.max(...days.map((d) => d.enrolled))} in a day`}
    >
      {[0, max / 2, max].map((v) => (
        <g key={v}>
          <line x1={LEFT} x2={W - 8} y1={y(v)} y2={y(v)} className="hg-report-chart__grid" />
          <text x={LEFT - 6} y={y(v) + 4} textAnchor="end" className="hg-report-chart__label">
            {v.toLocaleString('en')}
          </text>
        </g>
      ))}
      <text x={12} y={(H - BOTTOM) / 2} textAnchor="middle" className="hg-report-chart__label" transform={`rotate(-90 12 ${(H - BOTTOM) / 2})`}>
        contacts
      </text>
      {days.map((d, i) => (
        <rect
          key={d.day}
          x={LEFT + i * slot + (slot - bar) / 2}
          width={bar}
          y={y(d.enrolled)}
          height={H - BOTTOM - y(d.enrolled)}
          className="hg-report-chart__bar"
        >
          <title>{`${dayInWords(d.day)}: ${d.enrolled.toLocaleString('en')} contacts`}</title>
        </rect>
      ))}
      <line x1={LEFT} x2={W - 8} y1={H - BOTTOM} y2={H - BOTTOM} className="hg-report-chart__axis" />
      <text x={LEFT} y={H - 8} className="hg-report-chart__label">
        {dayInWords(days[0]!.day)}
      </text>
      {days.length > 1 && (
        <text x={W - 8} y={H - 8} textAnchor="end" className="hg-report-chart__label">
          {dayInWords(days.at(-1)!.day)}
        </text>
      )}
      <text x={(LEFT + W) / 2} y={H - 8} textAnchor="middle" className="hg-report-chart__label">
        day of entry (UTC)
      </text>
    </svg>
  );
}
