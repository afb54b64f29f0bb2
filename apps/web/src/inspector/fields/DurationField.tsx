import { useState } from 'react';
import { DURATION_UNITS, durationFromParts, durationParts, type DurationParts, type DurationUnit } from './durationParts.ts';
import { Field } from './Field.tsx';

interface DurationFieldProps {
  label: string;
  value: string | undefined;
  onChange: (iso: string) => void;
  /** Problems of the document at this value. */
  messages?: readonly string[];
  /** Offers "before"/"after" for offsets that may be negative. */
  signed?: boolean;
  hint?: string;
  testId?: string;
}

/** A duration as a number and a unit, written to the document as ISO 8601 ("P3D"). */
export function DurationField({ label, value, onChange, messages = [], signed = false, hint, testId }: DurationFieldProps) {
  const [parts, setParts] = useState<DurationParts>(() => durationParts(value, 'days', signed));
  const [lastValue, setLastValue] = useState(value);
  const [error, setError] = useState<string | null>(null);
  // Follow the document when it changes from elsewhere (undo), unless it is what this field wrote.
  if (value !== lastValue) {
    setLastValue(value);
    const current = durationFromParts(parts);
    if (!current.ok || current.iso !== value) {
      setParts(durationParts(value, parts.unit, signed));
      setError(null);
    }
  }
  const change = (next: DurationParts) => {
    setParts(next);
    const r = durationFromParts(next);
    if (!r.ok) return setError(r.error);
    setError(null);
    if (r.iso !== value) {
      setLastValue(r.iso);
      onChange(r.iso);
    }
  };
  return (
    <Field label={label} hint={hint} messages={error ? [error, ...messages] : messages}>
      {({ id, describedBy, invalid }) => (
        <div className="hg-duration" data-testid={testId}>
          <input
            id={id}
            className="hg-input hg-duration__amount"
            inputMode="numeric"
            value={parts.amount}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(e) => change({ ...parts, amount: e.target.value })}
          />
          <select
            className="hg-input hg-duration__unit"
            aria-label={`${label}: unit`}
            value={parts.unit}
            onChange={(e) => change({ ...parts, unit: e.target.value as DurationUnit })}
          >
            {DURATION_UNITS.map((u) => (
              <option key={u.unit} value={u.unit}>
                {u.unit}
              </option>
            ))}
          </select>
          {signed && (
            <select
              className="hg-input hg-duration__sign"
              aria-label={`${label}: before or after`}
              value={parts.negative ? 'before' : 'after'}
              onChange={(e) => change({ ...parts, negative: e.target.value === 'before' })}
            >
              <option value="after">after</option>
              <option value="before">before</option>
            </select>
          )}
        </div>
      )}
    </Field>
  );
}
