import { ConditionEditor } from '../fields/ConditionEditor.tsx';
import { DurationField } from '../fields/DurationField.tsx';
import { FieldGroup } from '../fields/FieldGroup.tsx';
import type { NodeFormProps } from './NodeFormProps.ts';

/** Waits until a condition holds (port "met"), or gives up after a timeout (port "timeout"). */
export function WaitForForm({ config, onChange, messagesAt }: NodeFormProps<'waitFor'>) {
  return (
    <>
      <FieldGroup label="Wait until" hint="Events count only when they happen after the contact arrives here.">
        <ConditionEditor value={config.until} pointer="/config/until" messagesAt={messagesAt} inWaitFor onChange={(until) => onChange({ ...config, until })} />
      </FieldGroup>
      <label className="hg-check">
        <input
          type="checkbox"
          checked={config.timeout !== undefined}
          onChange={(e) => {
            const { timeout: _t, ...rest } = config;
            onChange(e.target.checked ? { ...rest, timeout: 'P3D' } : rest);
          }}
        />
        Give up after a while (port "timeout")
      </label>
      {config.timeout !== undefined && (
        <DurationField
          label="Timeout"
          value={config.timeout}
          onChange={(timeout) => onChange({ ...config, timeout })}
          messages={messagesAt('/config/timeout')}
          testId="waitfor-timeout"
        />
      )}
      {config.timeout === undefined && <p className="hg-hint">Without a timeout a contact who never meets the condition waits forever.</p>}
    </>
  );
}
