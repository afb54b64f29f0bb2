import type { KeyValueRow } from './scenarioDraft.ts';

interface KeyValueRowsProps {
  label: string;
  rows: KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  testId: string;
}

/** Editable key/value rows (contact properties, event data); values are typed as in the inspector. */
export function KeyValueRows({ label, rows, onChange, testId }: KeyValueRowsProps) {
  const update = (i: number, row: Partial<KeyValueRow>) => onChange(rows.map((r, k) => (k === i ? { ...r, ...row } : r)));
  return (
    <fieldset className="hg-kv" data-testid={testId}>
      <legend>{label}</legend>
      {rows.map((r, i) => (
        <div className="hg-kv__row" key={i}>
          <input
            className="hg-input"
            aria-label={`${label} ${i + 1} name`}
            value={r.key}
            placeholder="name"
            onChange={(e) => update(i, { key: e.target.value })}
          />
          <input
            className="hg-input"
            aria-label={`${label} ${i + 1} value`}
            value={r.value}
            placeholder="value"
            onChange={(e) => update(i, { value: e.target.value })}
          />
          <button type="button" className="hg-link-button" aria-label={`Remove ${label} ${i + 1}`} onClick={() => onChange(rows.filter((_, k) => k !== i))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="hg-link-button" onClick={() => onChange([...rows, { key: '', value: '' }])}>
        + Add
      </button>
    </fieldset>
  );
}
