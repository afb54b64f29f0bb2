import { STAGES, type Stage } from '@hourglass/documents';

export const stageLabel = (s: string) => (s === 'mql' ? 'MQL' : s === 'sql' ? 'SQL' : s.charAt(0).toUpperCase() + s.slice(1));

interface StageSelectProps {
  value: Stage | undefined;
  onChange: (stage: Stage | undefined) => void;
  id?: string;
  label?: string;
  /** Offers "(no change)" for optional stages. */
  optional?: string;
}

/** A lifecycle stage, in the lifecycle's order. */
export function StageSelect({ value, onChange, id, label, optional }: StageSelectProps) {
  return (
    <select
      id={id}
      className="hg-input"
      aria-label={id ? undefined : label}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? undefined : (e.target.value as Stage))}
    >
      {optional !== undefined && <option value="">{optional}</option>}
      {STAGES.map((s) => (
        <option key={s} value={s}>
          {stageLabel(s)}
        </option>
      ))}
    </select>
  );
}
