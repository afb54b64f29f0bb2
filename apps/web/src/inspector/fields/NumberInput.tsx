import { useDraft } from './useDraft.ts';

interface NumberInputProps {
  value: number;
  onChange: (value: number) => void;
  label: string;
  integer?: boolean;
}

/** A bare number box (in tables): keeps what is typed until it is a number, then writes it. */
export function NumberInput({ value, onChange, label, integer = false }: NumberInputProps) {
  const [text, setText] = useDraft(value, String);
  const valid = (t: string) => (integer ? /^-?\d+$/.test(t.trim()) : t.trim() !== '' && Number.isFinite(Number(t)));
  return (
    <input
      className="hg-input hg-input--number"
      aria-label={label}
      inputMode={integer ? 'numeric' : 'decimal'}
      value={text}
      aria-invalid={!valid(text)}
      onChange={(e) => {
        const t = e.target.value;
        if (!valid(t)) return setText(t);
        setText(t, Number(t));
        onChange(Number(t));
      }}
    />
  );
}
