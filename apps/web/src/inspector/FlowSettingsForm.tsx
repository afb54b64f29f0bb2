import { useMemo } from 'react';
import type { FlowSettings } from '@hourglass/documents';
import { useEditorStore } from '../editor/store/EditorStoreContext.tsx';
import { ConditionEditor } from './fields/ConditionEditor.tsx';
import { Field } from './fields/Field.tsx';
import { FieldGroup } from './fields/FieldGroup.tsx';
import { FieldMessages } from './fields/FieldMessages.tsx';
import { TextField } from './fields/TextField.tsx';
import { WeekdayPicker } from './fields/WeekdayPicker.tsx';
import { useMessagesAt } from './useMessagesAt.ts';

function timezones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}

/** The flow's own settings: name, description, time zone, send window, goal and re-entry. */
export function FlowSettingsForm() {
  const meta = useEditorStore((s) => s.meta);
  const updateMeta = useEditorStore((s) => s.updateMeta);
  const messagesAt = useMessagesAt(null);
  const zones = useMemo(timezones, []);
  const settings = meta.settings;
  const setSettings = (next: FlowSettings, coalesce?: string) => updateMeta((m) => ({ ...m, settings: next }), coalesce);
  const without = <K extends keyof FlowSettings>(key: K): FlowSettings => {
    const { [key]: _gone, ...rest } = settings;
    return rest;
  };
  const window = settings.sendWindow;
  return (
    <div className="hg-inspector__body" data-testid="flow-settings">
      <header className="hg-inspector__header">
        <span className="hg-inspector__icon" aria-hidden="true">
          ⚙
        </span>
        <div>
          <h2>Flow settings</h2>
          <p className="hg-hint">Select a step on the canvas to edit it.</p>
        </div>
      </header>
      <Field label="Flow ID" hint="Fixed when the flow was created.">
        {({ id }) => <input id={id} className="hg-input hg-mono" value={meta.id} readOnly />}
      </Field>
      <TextField
        label="Name"
        value={meta.name}
        messages={messagesAt('/name')}
        onChange={(name) => updateMeta((m) => ({ ...m, name }), 'name')}
        testId="flow-name"
      />
      <TextField
        label="Description"
        multiline
        rows={3}
        value={meta.description}
        messages={messagesAt('/description')}
        onChange={(description) => updateMeta(({ description: _d, ...m }) => (description ? { ...m, description } : m), 'description')}
      />
      <TextField
        label="Time zone"
        value={settings.timezone ?? ''}
        placeholder="UTC"
        list="hg-timezones"
        messages={messagesAt('/settings/timezone')}
        hint="Waits until a time of day and the send window use this zone."
        onChange={(tz) => setSettings(tz ? { ...settings, timezone: tz } : without('timezone'), 'timezone')}
      />
      <datalist id="hg-timezones">
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <Field label="Can a contact enter again?" messages={messagesAt('/settings/reentry')}>
        {({ id }) => (
          <select
            id={id}
            className="hg-input"
            value={settings.reentry ?? 'never'}
            onChange={(e) => setSettings({ ...settings, reentry: e.target.value as 'never' | 'after-exit' })}
          >
            <option value="never">Never: each contact goes through once</option>
            <option value="after-exit">Yes, after leaving the flow</option>
          </select>
        )}
      </Field>
      <label className="hg-check">
        <input
          type="checkbox"
          checked={window !== undefined}
          onChange={(e) =>
            setSettings(
              e.target.checked ? { ...settings, sendWindow: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' } } : without('sendWindow'),
            )
          }
        />
        Send emails only in a time window
      </label>
      {window && (
        <div className="hg-group">
          <FieldGroup label="On" messages={messagesAt('/settings/sendWindow/days')}>
            <WeekdayPicker label="Sending days" value={window.days} onChange={(days) => setSettings({ ...settings, sendWindow: { ...window, days } })} />
          </FieldGroup>
          <div className="hg-row">
            <Field label="From" messages={messagesAt('/settings/sendWindow/from')}>
              {({ id }) => (
                <input
                  id={id}
                  type="time"
                  className="hg-input"
                  value={window.from}
                  onChange={(e) => setSettings({ ...settings, sendWindow: { ...window, from: e.target.value } })}
                />
              )}
            </Field>
            <Field label="Until" messages={messagesAt('/settings/sendWindow/to')}>
              {({ id }) => (
                <input
                  id={id}
                  type="time"
                  className="hg-input"
                  value={window.to}
                  onChange={(e) => setSettings({ ...settings, sendWindow: { ...window, to: e.target.value } })}
                />
              )}
            </Field>
          </div>
          <FieldMessages messages={messagesAt('/settings/sendWindow', true)} />
        </div>
      )}
      <label className="hg-check">
        <input
          type="checkbox"
          checked={settings.goal !== undefined}
          onChange={(e) => setSettings(e.target.checked ? { ...settings, goal: { stage: { gte: 'customer' } } } : without('goal'))}
        />
        Stop when the contact reaches a goal
      </label>
      {settings.goal !== undefined && (
        <ConditionEditor
          value={settings.goal}
          pointer="/settings/goal"
          messagesAt={messagesAt}
          onChange={(goal) => setSettings({ ...settings, goal }, 'goal')}
        />
      )}
    </div>
  );
}
