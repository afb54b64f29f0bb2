import type { NodeOfType } from '@hourglass/documents';
import { Field } from '../fields/Field.tsx';
import { FieldGroup } from '../fields/FieldGroup.tsx';
import { MatchEditor } from '../fields/MatchEditor.tsx';
import { NumberField } from '../fields/NumberField.tsx';
import { StageSelect } from '../fields/StageSelect.tsx';
import { TextField } from '../fields/TextField.tsx';
import type { NodeFormProps } from './NodeFormProps.ts';

type TriggerConfig = NodeOfType<'trigger'>['config'];

const START: Record<TriggerConfig['on'], TriggerConfig> = {
  event: { on: 'event', event: 'form_submitted' },
  stage: { on: 'stage', stage: 'mql' },
  score: { on: 'score', gte: 50 },
  manual: { on: 'manual' },
};

/** Where contacts enter: on an event, on reaching a stage or a score, or by hand. */
export function TriggerForm({ config, onChange, messagesAt }: NodeFormProps<'trigger'>) {
  return (
    <>
      <Field label="Contacts enter when" messages={messagesAt('/config/on')}>
        {({ id }) => (
          <select id={id} className="hg-input" value={config.on} onChange={(e) => onChange(START[e.target.value as TriggerConfig['on']])}>
            <option value="event">an event happens</option>
            <option value="stage">their stage reaches…</option>
            <option value="score">their score reaches…</option>
            <option value="manual">they are enrolled by hand</option>
          </select>
        )}
      </Field>
      {config.on === 'event' && (
        <>
          <TextField
            label="Event"
            value={config.event}
            placeholder="form_submitted"
            messages={messagesAt('/config/event')}
            onChange={(event) => onChange({ ...config, event })}
            hint="The type of event, as your website or CRM sends it."
          />
          <FieldGroup label="Only when the event's data matches">
            <MatchEditor
              value={config.where}
              addLabel="Add a filter"
              messages={messagesAt('/config/where')}
              onChange={(where) => {
                const { where: _old, ...rest } = config;
                onChange(where ? { ...rest, where } : rest);
              }}
            />
          </FieldGroup>
        </>
      )}
      {config.on === 'stage' && (
        <Field label="Stage" messages={messagesAt('/config/stage')}>
          {({ id }) => <StageSelect id={id} value={config.stage} onChange={(stage) => stage && onChange({ ...config, stage })} />}
        </Field>
      )}
      {config.on === 'score' && (
        <NumberField label="Score at least" value={config.gte} onChange={(gte) => onChange({ ...config, gte })} messages={messagesAt('/config/gte')} />
      )}
      {config.on === 'manual' && <p className="hg-hint">Contacts are enrolled by hand on the contacts page, or through the API.</p>}
    </>
  );
}
