import { useState } from 'react';
import { isoDuration, parseDuration } from '@hourglass/documents';
import { DURATION_UNITS, durationFromParts, durationParts, type DurationParts, type DurationUnit } from '../inspector/fields/durationParts.ts';
import { instantToLocalInput, isInstantText, localInputToInstant } from './localInstant.ts';

interface EventTimeFieldProps {
  /** "Event 2": the start of each control's accessible name. */
  name: string;
  /** When the event happens, as the scenario holds it: a duration after the start, or an instant. */
  value: string;
  /** The scenario's start, to switch between "after the start" and "on a date". */
  start: string;
  timezone: string;
  onChange: (at: string) => void;
}

/**
 * When a scenario event happens, as a marketer says it: a number of minutes, hours, days or weeks
 * after the start, or a date and time in the flow's time zone (for a real contact's history).
 */
export function EventTimeField({ name, value, start, timezone, onChange }: EventTimeFieldProps) {
  const onDate = isInstantText(value);
  const startMs = Date.parse(start);
  // As typed, so that a cleared box or a unit picked for zero stays as the marketer left it.
  const [parts, setParts] = useState<DurationParts>(() => durationParts(onDate ? undefined : value, 'hours'));
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    setLastValue(value);
    const shown = durationFromParts(parts);
    if (!onDate && (!shown.ok || shown.iso !== value)) setParts(durationParts(value, parts.unit));
  }
  const change = (next: DurationParts) => {
    setParts(next);
    const r = durationFromParts(next);
    if (r.ok && r.iso !== value) {
      setLastValue(r.iso);
      onChange(r.iso);
    }
  };
  const switchTo = (mode: string) => {
    if (mode === 'date' && !onDate) {
      const after = parseDuration(value.trim());
      const at = (Number.isNaN(startMs) ? Date.now() : startMs) + (after.ok ? after.ms : 0);
      onChange(new Date(Math.floor(at / 60_000) * 60_000).toISOString().replace('.000Z', 'Z'));
    } else if (mode === 'after' && onDate) {
      onChange(isoDuration(Math.max(0, Date.parse(value) - (Number.isNaN(startMs) ? 0 : startMs))));
    }
  };
  const mode = (
    <select
      className="hg-input hg-event-time__mode"
      aria-label={`${name}: after the start or on a date`}
      value={onDate ? 'date' : 'after'}
      onChange={(e) => switchTo(e.target.value)}
    >
      <option value="after">after the start</option>
      <option value="date">on a date</option>
    </select>
  );
  // Read as a sentence: "1 day after the start", "on a date 4 Mar 2026, 10:30".
  return onDate ? (
    <div className="hg-event-time">
      {mode}
      <input
        type="datetime-local"
        className="hg-input hg-event-time__date"
        aria-label={`${name} at`}
        title={`Time in ${timezone}`}
        value={instantToLocalInput(value, timezone)}
        onChange={(e) => {
          const iso = localInputToInstant(e.target.value, timezone);
          if (iso) onChange(iso);
        }}
      />
    </div>
  ) : (
    <div className="hg-event-time">
      <input
        className="hg-input hg-event-time__amount"
        inputMode="numeric"
        aria-label={`${name} at`}
        value={parts.amount}
        onChange={(e) => change({ ...parts, amount: e.target.value })}
      />
      <select
        className="hg-input hg-event-time__unit"
        aria-label={`${name} at: unit`}
        value={parts.unit}
        onChange={(e) => change({ ...parts, unit: e.target.value as DurationUnit })}
      >
        {DURATION_UNITS.map((u) => (
          <option key={u.unit} value={u.unit}>
            {u.unit}
          </option>
        ))}
      </select>
      {mode}
    </div>
  );
}
