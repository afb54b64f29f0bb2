import type { ScoreSplit as Split } from '../../api/apiTypes.ts';

/** A score with what it is made of: fit, behaviour and adjustments from flows. */
export function ScoreSplit({ score }: { score: Partial<Split> }) {
  const parts = [
    { key: 'fit', label: 'Fit', value: score.fit ?? 0 },
    { key: 'behaviour', label: 'Behaviour', value: score.behaviour ?? 0 },
    { key: 'adjustments', label: 'Added by flows', value: score.adjustments ?? 0 },
  ];
  const total = score.score ?? parts.reduce((s, p) => s + p.value, 0);
  const scale = Math.max(
    1,
    parts.reduce((s, p) => s + Math.abs(p.value), 0),
  );
  return (
    <div className="hg-score" data-testid="score-split">
      <div className="hg-score__total">
        <span className="hg-score__number">{total}</span> points
      </div>
      <div className="hg-score__bar" aria-hidden="true">
        {parts.map(
          (p) => p.value > 0 && <span key={p.key} className={`hg-score__part hg-score__part--${p.key}`} style={{ width: `${(p.value / scale) * 100}%` }} />,
        )}
      </div>
      <dl className="hg-score__legend">
        {parts.map((p) => (
          <div key={p.key}>
            <dt className={`hg-score__dot hg-score__dot--${p.key}`}>{p.label}</dt>
            <dd>{p.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
