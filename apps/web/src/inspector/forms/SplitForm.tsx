import { FieldMessages } from '../fields/FieldMessages.tsx';
import { NumberInput } from '../fields/NumberInput.tsx';
import type { NodeFormProps } from './NodeFormProps.ts';

const MAX_BRANCHES = 10;

/** Branches with weights: each contact always takes the same branch, in proportion to the weights. */
export function SplitForm({ config, onChange, messagesAt }: NodeFormProps<'split'>) {
  const branches = config.branches;
  const total = branches.reduce((s, b) => s + (b.weight > 0 ? b.weight : 0), 0);
  const nextKey = () => {
    for (let i = 0; ; i++) {
      const key = String.fromCharCode(97 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '');
      if (!branches.some((b) => b.key === key)) return key;
    }
  };
  return (
    <div className="hg-field">
      <div className="hg-field__label">Branches</div>
      <table className="hg-table hg-table--compact">
        <thead>
          <tr>
            <th>Port</th>
            <th>Weight</th>
            <th>Share</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {branches.map((b, i) => (
            <tr key={i}>
              <td>
                <input
                  className="hg-input"
                  aria-label={`Branch ${i + 1} name`}
                  value={b.key}
                  onChange={(e) => onChange({ branches: branches.with(i, { ...b, key: e.target.value }) }, { portRenames: { [b.key]: e.target.value } })}
                />
                <FieldMessages messages={messagesAt(`/config/branches/${i}/key`)} />
              </td>
              <td>
                <NumberInput
                  label={`Branch ${i + 1} weight`}
                  value={b.weight}
                  onChange={(weight) => onChange({ branches: branches.with(i, { ...b, weight }) })}
                />
                <FieldMessages messages={messagesAt(`/config/branches/${i}/weight`)} />
              </td>
              <td>{total > 0 && b.weight > 0 ? `${Math.round((b.weight / total) * 100)}%` : '—'}</td>
              <td>
                <button
                  type="button"
                  className="hg-icon-button"
                  aria-label={`Remove branch ${b.key}`}
                  disabled={branches.length <= 2}
                  onClick={() => onChange({ branches: branches.filter((_, j) => j !== i) })}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="hg-link-button"
        disabled={branches.length >= MAX_BRANCHES}
        onClick={() => onChange({ branches: [...branches, { key: nextKey(), weight: 50 }] })}
      >
        + Add a branch
      </button>
      <FieldMessages messages={messagesAt('/config/branches', true)} />
    </div>
  );
}
