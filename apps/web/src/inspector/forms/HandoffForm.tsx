import type { NodeOfType } from '@hourglass/documents';
import { ConditionEditor } from '../fields/ConditionEditor.tsx';
import { Field } from '../fields/Field.tsx';
import { FieldMessages } from '../fields/FieldMessages.tsx';
import { StageSelect } from '../fields/StageSelect.tsx';
import { TextField } from '../fields/TextField.tsx';
import { useDraft } from '../fields/useDraft.ts';
import type { NodeFormProps } from './NodeFormProps.ts';

type HandoffConfig = NodeOfType<'handoff'>['config'];

function without<K extends keyof HandoffConfig>(c: HandoffConfig, key: K): HandoffConfig {
  const { [key]: _gone, ...rest } = c;
  return rest;
}

/** Chooses a sales owner (existing owner, routing rules, round robin, fallback) and notifies them. */
export function HandoffForm({ config, onChange, messagesAt }: NodeFormProps<'handoff'>) {
  const routing = config.routing ?? [];
  const setRouting = (next: NonNullable<HandoffConfig['routing']>) => onChange(next.length ? { ...config, routing: next } : without(config, 'routing'));
  return (
    <>
      <p className="hg-hint">A contact who already has an owner keeps them. Otherwise the first rule that matches chooses the owner.</p>
      <div className="hg-field">
        <div className="hg-field__label">Routing rules</div>
        {routing.map((rule, i) => (
          <fieldset className="hg-rule" key={i} data-testid={`routing-rule-${i}`}>
            <legend>Rule {i + 1}</legend>
            <ConditionEditor
              value={rule.if}
              pointer={`/config/routing/${i}/if`}
              messagesAt={messagesAt}
              onChange={(c) => setRouting(routing.with(i, { ...rule, if: c }))}
            />
            <TextField
              label="Owner"
              value={rule.owner}
              placeholder="dach@example.com"
              messages={messagesAt(`/config/routing/${i}/owner`)}
              onChange={(owner) => setRouting(routing.with(i, { ...rule, owner }))}
            />
            <button type="button" className="hg-link-button" onClick={() => setRouting(routing.filter((_, j) => j !== i))}>
              Remove rule {i + 1}
            </button>
          </fieldset>
        ))}
        <button type="button" className="hg-link-button" onClick={() => setRouting([...routing, { if: { property: { name: 'country', in: [] } }, owner: '' }])}>
          + Add a routing rule
        </button>
      </div>
      <Field label="Round robin between" messages={messagesAt('/config/roundRobin')} hint="Owners separated by commas; each new contact goes to the next one.">
        {({ id }) => (
          <OwnerList id={id} value={config.roundRobin} onChange={(rr) => onChange(rr ? { ...config, roundRobin: rr } : without(config, 'roundRobin'))} />
        )}
      </Field>
      <TextField
        label="Otherwise (fallback owner)"
        value={config.fallback}
        placeholder="sales@example.com"
        messages={messagesAt('/config/fallback')}
        onChange={(fallback) => onChange(fallback.trim() ? { ...config, fallback } : without(config, 'fallback'))}
      />
      <Field label="Move the stage forward to" messages={messagesAt('/config/stage')} hint="SQL when not chosen.">
        {({ id }) => (
          <StageSelect
            id={id}
            optional="(SQL, the default)"
            value={config.stage}
            onChange={(stage) => onChange(stage ? { ...config, stage } : without(config, 'stage'))}
          />
        )}
      </Field>
      <label className="hg-check">
        <input
          type="checkbox"
          checked={config.notify !== false}
          onChange={(e) => onChange(e.target.checked ? without(config, 'notify') : { ...config, notify: false })}
        />
        Email the owner about the handoff
      </label>
      <FieldMessages messages={messagesAt('/config', true)} />
    </>
  );
}

function OwnerList({ id, value, onChange }: { id: string; value: string[] | undefined; onChange: (owners: string[] | undefined) => void }) {
  const [text, setText] = useDraft(value, (v) => (v ?? []).join(', '));
  return (
    <input
      id={id}
      className="hg-input"
      placeholder="anna@example.com, ben@example.com"
      value={text}
      onChange={(e) => {
        const owners = e.target.value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const next = owners.length ? owners : undefined;
        setText(e.target.value, next);
        onChange(next);
      }}
    />
  );
}
