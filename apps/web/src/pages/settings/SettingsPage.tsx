import { useEffect, useState } from 'react';
import { DEFAULT_EMAIL_LAYOUT, renderEmail } from '@hourglass/engine';
import { ApiError, errorMessage } from '../../api/apiClient.ts';
import type { EmailSettings } from '../../api/apiTypes.ts';
import { useEmailSettings, useSaveEmailSettings } from '../../api/useEmailSettings.ts';

const COLORS: { key: keyof EmailSettings['colors']; label: string }[] = [
  { key: 'background', label: 'Page around the email' },
  { key: 'content', label: 'Email background' },
  { key: 'text', label: 'Text' },
  { key: 'accent', label: 'Links and buttons' },
];
const SAMPLE = '# Hello Anna\n\nThanks for downloading the guide. [Read the next chapter](https://example.com/guide).';

/** /settings — the sender and footer of marketing email and the look of its layout. */
export function SettingsPage() {
  const stored = useEmailSettings();
  const save = useSaveEmailSettings();
  const [draft, setDraft] = useState<EmailSettings | null>(null);
  useEffect(() => {
    if (stored.data && !draft) setDraft(stored.data);
  }, [stored.data, draft]);
  if (stored.isPending || !draft)
    return (
      <div className="hg-page">
        {stored.isError ? (
          <p className="hg-error-text" role="alert">
            {errorMessage(stored.error)}
          </p>
        ) : (
          <p>Loading…</p>
        )}
      </div>
    );

  const problems = save.error instanceof ApiError ? save.error.problems : [];
  const problemAt = (pointer: string) => problems.filter((p) => p.pointer === pointer).map((p) => p.message);
  const set = (changes: Partial<EmailSettings>) => setDraft({ ...draft, ...changes });
  const text = (key: 'senderName' | 'postalAddress', label: string, hint: string, multiline = false) => (
    <div className="hg-field">
      <label className="hg-field__label" htmlFor={`email-${key}`}>
        {label}
      </label>
      {multiline ? (
        <textarea id={`email-${key}`} className="hg-input" rows={3} value={draft[key]} onChange={(e) => set({ [key]: e.target.value })} />
      ) : (
        <input id={`email-${key}`} className="hg-input" value={draft[key]} onChange={(e) => set({ [key]: e.target.value })} />
      )}
      <div className="hg-field__hint">{hint}</div>
      <FieldProblems messages={problemAt(`/${key}`)} />
    </div>
  );
  const { html } = renderEmail({
    subject: 'Preview',
    body: SAMPLE,
    layout: { senderName: draft.senderName, postalAddress: draft.postalAddress, colors: draft.colors, ...(draft.logoUrl ? { logoUrl: draft.logoUrl } : {}) },
    links: { unsubscribeUrl: '#unsubscribe' },
  });

  return (
    <div className="hg-page">
      <header className="hg-page__header">
        <h1>Email settings</h1>
      </header>
      <form
        className="hg-settings"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(draft);
        }}
      >
        <div>
          {text('senderName', 'Sender name', 'The From name of marketing emails and the first line of their footer.')}
          <div className="hg-field">
            <label className="hg-field__label" htmlFor="email-senderAddress">
              Sender address
            </label>
            <input
              id="email-senderAddress"
              className="hg-input"
              type="email"
              value={draft.senderAddress ?? ''}
              onChange={(e) => {
                const { senderAddress: _drop, ...rest } = draft;
                setDraft(e.target.value ? { ...rest, senderAddress: e.target.value } : rest);
              }}
            />
            <div className="hg-field__hint">Used when an email step names no sender; empty: the server's SMTP_FROM.</div>
            <FieldProblems messages={problemAt('/senderAddress')} />
          </div>
          {text('postalAddress', 'Postal address', 'Shown in the footer of every email: the law asks for it in marketing email.', true)}
          <div className="hg-field">
            <label className="hg-field__label" htmlFor="email-logoUrl">
              Logo address
            </label>
            <input
              id="email-logoUrl"
              className="hg-input"
              type="url"
              placeholder="https://…"
              value={draft.logoUrl ?? ''}
              onChange={(e) => {
                const { logoUrl: _drop, ...rest } = draft;
                setDraft(e.target.value ? { ...rest, logoUrl: e.target.value } : rest);
              }}
            />
            <FieldProblems messages={problemAt('/logoUrl')} />
          </div>
          {COLORS.map((c) => (
            <div className="hg-field" key={c.key}>
              <label className="hg-field__label" htmlFor={`email-color-${c.key}`}>
                {c.label}
              </label>
              <input
                id={`email-color-${c.key}`}
                type="color"
                value={draft.colors[c.key]}
                onChange={(e) => set({ colors: { ...draft.colors, [c.key]: e.target.value } })}
              />
              <FieldProblems messages={problemAt(`/colors/${c.key}`)} />
            </div>
          ))}
          <div className="hg-row">
            <button type="submit" className="hg-button hg-button--primary" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="hg-button" onClick={() => set({ colors: { ...DEFAULT_EMAIL_LAYOUT.colors } })}>
              Default colours
            </button>
            {save.isSuccess && (
              <span className="hg-hint" role="status">
                Saved: emails leaving from now on use these settings.
              </span>
            )}
            {save.isError && problems.length === 0 && (
              <span className="hg-error-text" role="alert">
                {errorMessage(save.error)}
              </span>
            )}
          </div>
        </div>
        {/* A sandbox without scripts: the preview is the email's own HTML. */}
        <iframe title="Email layout preview" className="hg-settings__preview" sandbox="" srcDoc={html} />
      </form>
    </div>
  );
}

function FieldProblems({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul className="hg-field__problems" role="alert">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}
