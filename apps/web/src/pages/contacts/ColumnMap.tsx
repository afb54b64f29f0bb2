import type { ColumnMapping, ColumnTarget, CsvFile } from './csvMapping.ts';

const PREVIEW_ROWS = 5;
const TARGETS: [ColumnTarget, string][] = [
  ['email', 'Email address'],
  ['stage', 'Lifecycle stage'],
  ['owner', 'Owner'],
  ['unsubscribed', 'Unsubscribed (yes/no)'],
  ['id', 'Contact id'],
  ['property', 'Property named…'],
  ['skip', 'Skip this column'],
];

/** The file's columns with the first rows under them, and what each column becomes. */
export function ColumnMap({ file, mapping, onChange }: { file: CsvFile; mapping: ColumnMapping[]; onChange: (m: ColumnMapping[]) => void }) {
  const set = (i: number, change: Partial<ColumnMapping>) => onChange(mapping.map((m, j) => (j === i ? { ...m, ...change } : m)));
  return (
    <div className="hg-scroll-box hg-scroll-box--wide">
      <table className="hg-table hg-table--compact" data-testid="column-map">
        <thead>
          <tr>
            {mapping.map((m) => (
              <th key={m.header}>{m.header}</th>
            ))}
          </tr>
          <tr>
            {mapping.map((m, i) => (
              <td key={m.header}>
                <select
                  className="hg-input"
                  aria-label={`What “${m.header}” becomes`}
                  value={m.target}
                  onChange={(e) => set(i, { target: e.target.value as ColumnTarget })}
                >
                  {TARGETS.map(([t, label]) => (
                    <option key={t} value={t}>
                      {label}
                    </option>
                  ))}
                </select>
                {m.target === 'property' && (
                  <input
                    className="hg-input"
                    aria-label={`Property name for “${m.header}”`}
                    value={m.property}
                    onChange={(e) => set(i, { property: e.target.value })}
                  />
                )}
              </td>
            ))}
          </tr>
        </thead>
        <tbody>
          {file.rows.slice(0, PREVIEW_ROWS).map((r) => (
            <tr key={r.row}>
              {mapping.map((m, i) => (
                <td key={m.header} className={m.target === 'skip' ? 'hg-hint' : ''}>
                  {m.target === 'skip' ? <s>{r.cells[i]}</s> : r.cells[i]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {file.rows.length > PREVIEW_ROWS && <p className="hg-hint">…and {(file.rows.length - PREVIEW_ROWS).toLocaleString()} more rows.</p>}
    </div>
  );
}
