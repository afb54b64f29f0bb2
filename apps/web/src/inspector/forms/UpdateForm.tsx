import type { NodeOfType, Scalar } from '@hourglass/documents';
import { Field } from '../fields/Field.tsx';
import { FieldGroup } from '../fields/FieldGroup.tsx';
import { FieldMessages } from '../fields/FieldMessages.tsx';
import { NumberField } from '../fields/NumberField.tsx';
import { formatScalar, parseScalar } from '../fields/scalarText.ts';
import { StageSelect } from '../fields/StageSelect.tsx';
import { useDraft } from '../fields/useDraft.ts';
import type { NodeFormProps } from './NodeFormProps.ts';

type UpdateConfig = NodeOfType<'update'>['config'];

function without<K extends keyof UpdateConfig>(c: UpdateConfig, key: K): UpdateConfig {
  const { [key]: _gone, ...rest } = c;
  return rest;
}

/** Changes the contact: points added to the score, a stage moved forward, properties set. */
export function UpdateForm({ config, onChange, messagesAt }: NodeFormProps<'update'>) {
  return (
    <>
      <label className="hg-check">
        <input
          type="checkbox"
          checked={config.addScore !== undefined}
          onChange={(e) => onChange(e.target.checked ? { ...config, addScore: 10 } : without(config, 'addScore'))}
        />
        Add points to the score
      </label>
      {config.addScore !== undefined && (
        <NumberField
          label="Points (negative to subtract)"
          integer
          value={config.addScore}
          onChange={(addScore) => onChange({ ...config, addScore })}
          messages={messagesAt('/config/addScore')}
        />
      )}
      <Field label="Move the stage forward to" messages={messagesAt('/config/stage')} hint="A stage never moves back.">
        {({ id }) => (
          <StageSelect
            id={id}
            optional="(no change)"
            value={config.stage}
            onChange={(stage) => onChange(stage ? { ...config, stage } : without(config, 'stage'))}
          />
        )}
      </Field>
      <FieldGroup label="Set properties" messages={messagesAt('/config/set')}>
        <SetEditor value={config.set} onChange={(set) => onChange(set ? { ...config, set } : without(config, 'set'))} />
      </FieldGroup>
      <FieldMessages messages={messagesAt('/config', true)} />
    </>
  );
}

interface Row {
  name: string;
  value: string;
}

function SetEditor({ value, onChange }: { value: Record<string, Scalar> | undefined; onChange: (set: Record<string, Scalar> | undefined) => void }) {
  const toRows = (v: Record<string, Scalar> | undefined): Row[] => Object.entries(v ?? {}).map(([name, x]) => ({ name, value: formatScalar(x) }));
  const [rows, setRows] = useDraft(value, toRows);
  const change = (next: Row[]) => {
    const filled = next.filter((r) => r.name.trim() !== '');
    const set = filled.length ? Object.fromEntries(filled.map((r) => [r.name.trim(), parseScalar(r.value)])) : undefined;
    setRows(next, set);
    onChange(set);
  };
  return (
    <div className="hg-match">
      {rows.map((r, i) => (
        <div className="hg-row" key={i}>
          <input
            className="hg-input"
            aria-label="Property"
            placeholder="property"
            value={r.name}
            onChange={(e) => change(rows.with(i, { ...r, name: e.target.value }))}
          />
          <span className="hg-row__op">=</span>
          <input
            className="hg-input"
            aria-label="New value"
            placeholder="value"
            value={r.value}
            onChange={(e) => change(rows.with(i, { ...r, value: e.target.value }))}
          />
          <button
            type="button"
            className="hg-icon-button"
            aria-label={`Stop setting ${r.name || 'this property'}`}
            onClick={() => change(rows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="hg-link-button" onClick={() => setRows([...rows, { name: '', value: '' }])}>
        + Set a property
      </button>
    </div>
  );
}
