import { useState } from 'react';
import { STAGES } from '@hourglass/documents';
import { FieldMessages } from './FieldMessages.tsx';
import { cmpToRows, defaultText, OP_LABELS, opsFor, rowsToCmp, type CmpKind, type CmpOp, type CmpRow } from './cmpRows.ts';
import { stageLabel } from './StageSelect.tsx';
import { useDraft } from './useDraft.ts';

interface CmpEditorProps {
  value: Record<string, unknown> | undefined;
  kind: CmpKind;
  onChange: (cmp: Record<string, unknown>) => void;
  messages?: readonly string[];
}

/** A comparison (spec CMP): one or more operator rows, all of which must hold. */
export function CmpEditor({ value, kind, onChange, messages = [] }: CmpEditorProps) {
  const [rows, setRows] = useDraft(value, cmpToRows);
  const [errors, setErrors] = useState<(string | null)[]>([]);
  const ops = opsFor(kind);
  const change = (next: CmpRow[]) => {
    const r = rowsToCmp(next, kind);
    if (!r.ok) {
      setRows(next);
      return setErrors(r.errors);
    }
    setErrors([]);
    setRows(next, r.cmp);
    onChange(r.cmp);
  };
  const unused = ops.filter((o) => !rows.some((r) => r.op === o));
  return (
    <div className="hg-cmp">
      {rows.map((row, i) => (
        <div key={i}>
          <div className="hg-row">
            <select
              className="hg-input hg-cmp__op"
              aria-label="Operator"
              value={row.op}
              onChange={(e) => {
                const op = e.target.value as CmpOp;
                // Keep what was typed when it still fits the new operator.
                const text = op === 'exists' || row.op === 'exists' ? defaultText(op, kind) : row.text;
                change(rows.with(i, { op, text }));
              }}
            >
              {ops
                .filter((o) => o === row.op || !rows.some((r) => r.op === o))
                .map((o) => (
                  <option key={o} value={o}>
                    {OP_LABELS[o]}
                  </option>
                ))}
            </select>
            <ValueInput row={row} kind={kind} onChange={(text) => change(rows.with(i, { ...row, text }))} />
            {rows.length > 1 && (
              <button
                type="button"
                className="hg-icon-button"
                aria-label={`Remove "${OP_LABELS[row.op]}"`}
                onClick={() => change(rows.filter((_, j) => j !== i))}
              >
                ×
              </button>
            )}
          </div>
          <FieldMessages messages={errors[i] ? [errors[i]!] : []} />
        </div>
      ))}
      {unused.length > 0 && (
        <button type="button" className="hg-link-button" onClick={() => change([...rows, { op: unused[0]!, text: defaultText(unused[0]!, kind) }])}>
          + {rows.length === 0 ? 'Add a comparison' : 'And also…'}
        </button>
      )}
      <FieldMessages messages={messages} />
    </div>
  );
}

function ValueInput({ row, kind, onChange }: { row: CmpRow; kind: CmpKind; onChange: (text: string) => void }) {
  if (row.op === 'exists') {
    return (
      <select className="hg-input" aria-label="Value" value={row.text} onChange={(e) => onChange(e.target.value)}>
        <option value="true">yes</option>
        <option value="false">no</option>
      </select>
    );
  }
  if (kind === 'stage' && row.op !== 'in') {
    return (
      <select className="hg-input" aria-label="Value" value={row.text} onChange={(e) => onChange(e.target.value)}>
        {STAGES.map((s) => (
          <option key={s} value={s}>
            {stageLabel(s)}
          </option>
        ))}
      </select>
    );
  }
  const placeholder = row.op === 'in' ? (kind === 'stage' ? 'mql, sql' : 'a, b, c') : kind === 'number' ? '40' : 'value';
  return (
    <input
      className="hg-input"
      aria-label="Value"
      placeholder={placeholder}
      inputMode={kind === 'number' && row.op !== 'in' ? 'decimal' : undefined}
      value={row.text}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
