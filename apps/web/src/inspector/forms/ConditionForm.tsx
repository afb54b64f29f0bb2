import { ConditionEditor } from '../fields/ConditionEditor.tsx';
import { FieldGroup } from '../fields/FieldGroup.tsx';
import type { NodeFormProps } from './NodeFormProps.ts';

/** A yes/no question about the contact. */
export function ConditionForm({ config, onChange, messagesAt }: NodeFormProps<'condition'>) {
  return (
    <FieldGroup label='Go on by "yes" when' hint='Otherwise the contact goes on by "no".'>
      <ConditionEditor value={config.if} pointer="/config/if" messagesAt={messagesAt} onChange={(c) => onChange({ if: c })} />
    </FieldGroup>
  );
}
