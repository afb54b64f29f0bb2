import { WEEKDAYS, type NodeOfType } from '@hourglass/documents';
import { DurationField } from '../fields/DurationField.tsx';
import { Field } from '../fields/Field.tsx';
import { FieldGroup } from '../fields/FieldGroup.tsx';
import { TextField } from '../fields/TextField.tsx';
import { WeekdayPicker } from '../fields/WeekdayPicker.tsx';
import type { NodeFormProps } from './NodeFormProps.ts';

type WaitConfig = NodeOfType<'wait'>['config'];
type Mode = 'for' | 'time' | 'at' | 'property';

function modeOf(c: WaitConfig): Mode {
  if ('for' in c) return 'for';
  if ('time' in c.until) return 'time';
  if ('at' in c.until) return 'at';
  return 'property';
}

const START: Record<Mode, () => WaitConfig> = {
  for: () => ({ for: 'P1D' }),
  time: () => ({ until: { time: '09:00' } }),
  at: () => ({ until: { at: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 16) + ':00Z' } }),
  property: () => ({ until: { property: 'renewalDate' } }),
};

/** A pause: for a duration, until a time of day, until a date, or until a date held by the contact. */
export function WaitForm({ config, onChange, messagesAt }: NodeFormProps<'wait'>) {
  const mode = modeOf(config);
  return (
    <>
      <Field label="Wait" messages={[]}>
        {({ id }) => (
          <select id={id} className="hg-input" value={mode} onChange={(e) => onChange(START[e.target.value as Mode]())}>
            <option value="for">for a while</option>
            <option value="time">until a time of day</option>
            <option value="at">until a date</option>
            <option value="property">until a date of the contact</option>
          </select>
        )}
      </Field>
      {'for' in config && (
        <DurationField label="Duration" value={config.for} onChange={(d) => onChange({ for: d })} messages={messagesAt('/config/for')} testId="wait-duration" />
      )}
      {'until' in config &&
        'time' in config.until &&
        (() => {
          const u = config.until;
          return (
            <>
              <Field label="Time of day" messages={messagesAt('/config/until/time')} hint="In the flow's time zone.">
                {({ id }) => (
                  <input id={id} type="time" className="hg-input" value={u.time} onChange={(e) => onChange({ until: { ...u, time: e.target.value } })} />
                )}
              </Field>
              <FieldGroup label="On" messages={messagesAt('/config/until/days')}>
                <WeekdayPicker
                  label="Days"
                  value={u.days ?? [...WEEKDAYS]}
                  onChange={(days) => {
                    const { days: _d, ...rest } = u;
                    onChange({ until: days.length === 7 ? rest : { ...rest, days } });
                  }}
                />
              </FieldGroup>
            </>
          );
        })()}
      {'until' in config && 'at' in config.until && (
        <TextField
          label="Date and time"
          value={config.until.at}
          onChange={(at) => onChange({ until: { at } })}
          hint='ISO date and time with a zone, like "2026-03-02T08:00:00Z".'
          messages={messagesAt('/config/until/at')}
        />
      )}
      {'until' in config &&
        'property' in config.until &&
        (() => {
          const u = config.until;
          return (
            <>
              <TextField
                label="Date property"
                value={u.property}
                onChange={(property) => onChange({ until: { ...u, property } })}
                hint="A contact property holding a date and time, like renewalDate."
                messages={messagesAt('/config/until/property')}
              />
              <label className="hg-check">
                <input
                  type="checkbox"
                  checked={u.offset !== undefined}
                  onChange={(e) => {
                    const { offset: _o, ...rest } = u;
                    onChange({ until: e.target.checked ? { ...rest, offset: '-P7D' } : rest });
                  }}
                />
                Shift it
              </label>
              {u.offset !== undefined && (
                <DurationField
                  label="By"
                  signed
                  value={u.offset}
                  onChange={(offset) => onChange({ until: { ...u, offset } })}
                  messages={messagesAt('/config/until/offset')}
                />
              )}
            </>
          );
        })()}
    </>
  );
}
