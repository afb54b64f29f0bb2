import type { Match } from '@hourglass/documents';
import { FieldMessages } from './FieldMessages.tsx';
import { formatScalar, formatScalarList, parseScalar, parseScalarList } from './scalarText.ts';
import { useDraft } from './useDraft.ts';

interface Row {
  key: string;
  value: string;
}

const toRows = (m: Match | undefined): Row[] =>
  Object.entries(m ?? {}).map(([key, v]) => ({ key, value: Array.isArray(v) ? formatScalarList(v) : formatScalar(v) }));

function toMatch(rows: Row[]): Match | undefined {
  const filled = rows.filter((r) => r.key.trim() !== '');
  if (filled.length === 0) return undefined;
  return Object.fromEntries(filled.map((r) => [r.key.trim(), r.value.includes(',') ? parseScalarList(r.value) : parseScalar(r.value)]));
}

interface MatchEditorProps {
  value: Match | undefined;
  onChange: (match: Match | undefined) => void;
  /** What a row filters, in the sentence of the add button ("Add a filter on the event data"). */
  addLabel?: string;
  messages?: readonly string[];
  testId?: string;
}

/** An event-data filter (spec MATCH) as rows of key and value; "a, b" means one of several values. */
export function MatchEditor({ value, onChange, addLabel = 'Add a filter', messages = [], testId }: MatchEditorProps) {
  const [rows, setRows] = useDraft(value, toRows);
  const change = (next: Row[]) => {
    const match = toMatch(next);
    setRows(next, match);
    onChange(match);
  };
  return (
    <div className="hg-match" data-testid={testId}>
      {rows.map((row, i) => (
        <div className="hg-row" key={i}>
          <input
            className="hg-input"
            aria-label="Data field"
            placeholder="field"
            value={row.key}
            onChange={(e) => change(rows.with(i, { ...row, key: e.target.value }))}
          />
          <span className="hg-row__op">=</span>
          <input
            className="hg-input"
            aria-label="Data value"
            placeholder="value, or a, b"
            value={row.value}
            onChange={(e) => change(rows.with(i, { ...row, value: e.target.value }))}
          />
          <button
            type="button"
            className="hg-icon-button"
            aria-label={`Remove the filter on ${row.key || 'this field'}`}
            onClick={() => change(rows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="hg-link-button" onClick={() => setRows([...rows, { key: '', value: '' }])}>
        + {addLabel}
      </button>
      <FieldMessages messages={messages} />
    </div>
  );
}
