import { WEEKDAYS, type Weekday } from '@hourglass/documents';

const NAMES: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** Days of the week as toggles, kept in week order. */
export function WeekdayPicker({ value, onChange, label }: { value: readonly Weekday[]; onChange: (days: Weekday[]) => void; label: string }) {
  return (
    <div className="hg-weekdays" role="group" aria-label={label}>
      {WEEKDAYS.map((d) => {
        const on = value.includes(d);
        return (
          <button
            key={d}
            type="button"
            className={`hg-chip${on ? ' is-on' : ''}`}
            aria-pressed={on}
            onClick={() => onChange(WEEKDAYS.filter((w) => (w === d ? !on : value.includes(w))))}
          >
            {NAMES[d]}
          </button>
        );
      })}
    </div>
  );
}
