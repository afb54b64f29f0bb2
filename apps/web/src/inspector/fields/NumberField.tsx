import { useState } from 'react';
import { Field } from './Field.tsx';
import { useDraft } from './useDraft.ts';

interface NumberFieldProps {
  label: string;
  value: number | undefined;
  onChange: (value: number) => void;
  messages?: readonly string[];
  hint?: string;
  integer?: boolean;
  testId?: string;
}

/** A number typed as text: what is not a number yet is shown as a problem and not written. */
export function NumberField({ label, value, onChange, messages = [], hint, integer = false, testId }: NumberFieldProps) {
  const [text, setText] = useDraft(value, (v) => (v === undefined ? '' : String(v)));
  const [error, setError] = useState<string | null>(null);
  const change = (t: string) => {
    const ok = integer ? /^-?\d+$/.test(t.trim()) : t.trim() !== '' && Number.isFinite(Number(t));
    if (!ok) {
      setText(t);
      return setError(integer ? 'Enter a whole number, like 40.' : 'Enter a number, like 40.');
    }
    setError(null);
    const n = Number(t);
    setText(t, n);
    onChange(n);
  };
  return (
    <Field label={label} hint={hint} messages={error ? [error, ...messages] : messages}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className="hg-input hg-input--number"
          inputMode={integer ? 'numeric' : 'decimal'}
          value={text}
          data-testid={testId}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => change(e.target.value)}
        />
      )}
    </Field>
  );
}
