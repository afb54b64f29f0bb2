import { Field } from './Field.tsx';

interface TextFieldProps {
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  messages?: readonly string[];
  hint?: string;
  placeholder?: string;
  multiline?: boolean;
  rows?: number;
  testId?: string;
  list?: string;
  onBlur?: () => void;
}

/** A labelled text box (or text area) that writes every keystroke. */
export function TextField({ label, value, onChange, messages, hint, placeholder, multiline, rows = 4, testId, list, onBlur }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} messages={messages}>
      {({ id, describedBy, invalid }) =>
        multiline ? (
          <textarea
            id={id}
            className="hg-input"
            rows={rows}
            value={value ?? ''}
            placeholder={placeholder}
            data-testid={testId}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value)}
            onBlur={onBlur}
          />
        ) : (
          <input
            id={id}
            className="hg-input"
            value={value ?? ''}
            placeholder={placeholder}
            data-testid={testId}
            list={list}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value)}
            onBlur={onBlur}
          />
        )
      }
    </Field>
  );
}
