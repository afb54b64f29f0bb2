import { Field } from '../inspector/fields/Field.tsx';
import { instantToLocalInput, localInputToInstant } from './localInstant.ts';

interface InstantFieldProps {
  label: string;
  /** The instant as the scenario holds it (ISO 8601). */
  value: string;
  /** The flow's time zone: the picker shows and reads wall-clock time there. */
  timezone: string;
  onChange: (iso: string) => void;
  testId?: string;
}

/** A date and time picker in the flow's time zone, for an instant of a scenario. */
export function InstantField({ label, value, timezone, onChange, testId }: InstantFieldProps) {
  return (
    <Field label={label} hint={`Time in ${timezone}, the flow’s time zone.`}>
      {({ id, describedBy }) => (
        <input
          id={id}
          type="datetime-local"
          className="hg-input"
          value={instantToLocalInput(value, timezone)}
          aria-describedby={describedBy}
          data-testid={testId}
          // A half-typed date is not an instant yet: the scenario keeps the last whole one.
          onChange={(e) => {
            const iso = localInputToInstant(e.target.value, timezone);
            if (iso) onChange(iso);
          }}
        />
      )}
    </Field>
  );
}
