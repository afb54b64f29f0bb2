import { useState } from 'react';
import { STAGES, type Scalar, type Stage } from '@hourglass/documents';
import { DEFAULT_EMAIL_LAYOUT, renderEmail } from '@hourglass/engine';
import { useEmailSettings } from '../api/useEmailSettings.ts';
import { renderEmailPreview } from './renderEmailPreview.ts';
import { useSampleContact } from './useSampleContact.ts';
import { EmailFrame, EmailWidthSwitch, type EmailWidth } from './EmailFrame.tsx';

/** The email as the sample contact will receive it, updated as the marketer types. */
export function EmailPreview({ subject, body }: { subject: string; body: string }) {
  const [sample, setSample] = useSampleContact();
  const [editing, setEditing] = useState(false);
  const [propsText, setPropsText] = useState(() => JSON.stringify(sample.contact.properties, null, 2));
  const [propsError, setPropsError] = useState<string | null>(null);
  const [width, setWidth] = useState<EmailWidth>('desktop');
  const settings = useEmailSettings().data;
  const s = renderEmailPreview(subject, sample);
  const b = renderEmailPreview(body, sample);
  const c = sample.contact;
  const parts = b.ok
    ? renderEmail({
        subject: s.ok ? s.text : '',
        body: b.text,
        layout: settings
          ? {
              senderName: settings.senderName,
              postalAddress: settings.postalAddress,
              colors: settings.colors,
              ...(settings.logoUrl ? { logoUrl: settings.logoUrl } : {}),
            }
          : DEFAULT_EMAIL_LAYOUT,
        links: { unsubscribeUrl: '#unsubscribe' },
      })
    : undefined;
  return (
    <section className="hg-preview" aria-label="Email preview" data-testid="email-preview">
      <div className="hg-preview__head">
        <span>
          Preview for <strong>{String(c.properties.firstName ?? c.id)}</strong> ({c.email ?? 'no email'}, score {sample.score})
        </span>
        <button type="button" className="hg-link-button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          {editing ? 'Done' : 'Change sample contact'}
        </button>
      </div>
      {editing && (
        <div className="hg-preview__sample">
          <label>
            Email{' '}
            <input
              className="hg-input"
              value={c.email ?? ''}
              onChange={(e) => setSample({ ...sample, contact: { ...c, email: e.target.value || undefined } })}
            />
          </label>
          <label>
            Stage
            <select className="hg-input" value={c.stage} onChange={(e) => setSample({ ...sample, contact: { ...c, stage: e.target.value as Stage } })}>
              {STAGES.map((st) => (
                <option key={st} value={st}>
                  {st}
                </option>
              ))}
            </select>
          </label>
          <label>
            Score{' '}
            <input
              className="hg-input"
              inputMode="numeric"
              value={String(sample.score)}
              onChange={(e) => Number.isFinite(Number(e.target.value)) && setSample({ ...sample, score: Number(e.target.value) })}
            />
          </label>
          <label>
            Properties (JSON)
            <textarea
              className="hg-input hg-mono"
              rows={6}
              value={propsText}
              onChange={(e) => {
                setPropsText(e.target.value);
                try {
                  const parsed = JSON.parse(e.target.value) as unknown;
                  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('an object is needed');
                  setPropsError(null);
                  setSample({ ...sample, contact: { ...c, properties: parsed as Record<string, Scalar> } });
                } catch {
                  setPropsError('Write the properties as a JSON object, like {"firstName": "Anna"}.');
                }
              }}
            />
          </label>
          {propsError && (
            <p className="hg-field__problems" role="alert">
              {propsError}
            </p>
          )}
        </div>
      )}
      <div className="hg-preview__subject">{s.ok ? s.text || <em>(empty subject)</em> : <span className="hg-error-text">{s.error}</span>}</div>
      {b.ok ? (
        <>
          <EmailWidthSwitch width={width} onChange={setWidth} />
          {/* The HTML part as the contact will see it (same function as the server), in a sandbox without scripts. */}
          <EmailFrame title="Email as HTML" width={width} html={parts!.html} />
          {/* The text part as sent, footer included. */}
          <details>
            <summary>Text part</summary>
            <div className="hg-preview__body" data-testid="email-text-part">
              {parts!.text || <em>(empty body)</em>}
            </div>
          </details>
        </>
      ) : (
        <div className="hg-preview__body">
          <span className="hg-error-text">{b.error}</span>
        </div>
      )}
    </section>
  );
}
