import { formatLocal } from '@hourglass/engine';

interface ScoreChartProps {
  scores: readonly { at: number; score: number }[];
  thresholds: readonly number[];
  start: number;
  end: number;
  timezone: string;
}

const W = 340;
const H = 120;
const PAD = 24;

/** The contact's score over the simulation as a step line, with the flow's score thresholds as dashed lines. */
export function ScoreChart({ scores, thresholds, start, end, timezone }: ScoreChartProps) {
  const values = [...scores.map((s) => s.score), ...thresholds, 0];
  const lo = Math.min(...values);
  const hi = Math.max(...values, lo + 1);
  const x = (at: number) => PAD + ((at - start) / Math.max(1, end - start)) * (W - 2 * PAD);
  const y = (v: number) => H - PAD / 2 - ((v - lo) / (hi - lo)) * (H - PAD);
  // A step line: a score holds until the next input changes it.
  let d = '';
  scores.forEach((s, i) => {
    d += i === 0 ? `M${x(s.at)},${y(s.score)}` : `H${x(s.at)}V${y(s.score)}`;
  });
  if (scores.length) d += `H${x(end)}`;
  const last = scores.at(-1);
  return (
    <svg
      className="hg-score-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      data-testid="score-chart"
      aria-label={`Score from ${scores[0]?.score ?? 0} to ${last?.score ?? 0} between ${formatLocal(start, timezone)} and ${formatLocal(end, timezone)}`}
    >
      {thresholds.map((t) => (
        <g key={t} data-testid={`score-threshold-${t}`}>
          <line x1={PAD} x2={W - PAD} y1={y(t)} y2={y(t)} className="hg-score-chart__threshold" />
          <text x={W - PAD + 2} y={y(t) + 3} className="hg-score-chart__label">
            {t}
          </text>
        </g>
      ))}
      <line x1={PAD} x2={W - PAD} y1={y(0)} y2={y(0)} className="hg-score-chart__axis" />
      <path d={d} className="hg-score-chart__line" />
      <text x={2} y={y(hi) + 4} className="hg-score-chart__label">
        {hi}
      </text>
    </svg>
  );
}
