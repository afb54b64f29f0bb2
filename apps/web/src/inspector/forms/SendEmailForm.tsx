import { CONTENT_STAGES, type NodeOfType } from '@hourglass/documents';
import { EmailPreview } from '../../preview/EmailPreview.tsx';
import { Field } from '../fields/Field.tsx';
import { TextField } from '../fields/TextField.tsx';
import type { NodeFormProps } from './NodeFormProps.ts';

type SendEmailConfig = NodeOfType<'sendEmail'>['config'];

const CONTENT_LABELS: Record<(typeof CONTENT_STAGES)[number], string> = { awareness: 'Awareness', consideration: 'Consideration', decision: 'Decision' };
const LIQUID_HINT = 'Liquid: {{ contact.firstName | default: "there" }}, {{ contact.score }}, {{ contact.company }}…';

/** Subject and body as Liquid templates, with a live preview for a sample contact. */
export function SendEmailForm({ nodeId, config, onChange, messagesAt }: NodeFormProps<'sendEmail'>) {
  const without = <K extends keyof SendEmailConfig>(key: K): SendEmailConfig => {
    const { [key]: _gone, ...rest } = config;
    return rest as SendEmailConfig;
  };
  return (
    <>
      <TextField
        label="Subject"
        value={config.subject}
        onChange={(subject) => onChange({ ...config, subject })}
        messages={messagesAt('/config/subject')}
        testId="email-subject"
      />
      <TextField
        label="Body"
        multiline
        rows={6}
        value={config.body}
        onChange={(body) => onChange({ ...config, body })}
        messages={messagesAt('/config/body')}
        hint={LIQUID_HINT}
        testId="email-body"
      />
      <TextField
        label="From (optional)"
        value={config.from}
        placeholder="marketing@example.com"
        messages={messagesAt('/config/from')}
        onChange={(from) => onChange(from.trim() ? { ...config, from } : without('from'))}
      />
      <Field label="Content stage" messages={messagesAt('/config/content')} hint="Which part of the buyer's journey this email serves.">
        {({ id }) => (
          <select
            id={id}
            className="hg-input"
            value={config.content ?? ''}
            data-testid="email-content"
            onChange={(e) => onChange(e.target.value ? { ...config, content: e.target.value as SendEmailConfig['content'] & string } : without('content'))}
          >
            <option value="">(not set)</option>
            {CONTENT_STAGES.map((c) => (
              <option key={c} value={c}>
                {CONTENT_LABELS[c]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <EmailPreview key={nodeId} subject={config.subject} body={config.body} />
    </>
  );
}
