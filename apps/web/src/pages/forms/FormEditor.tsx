import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { FormBody, FormField } from '@hourglass/api';
import { ApiError, errorMessage } from '../../api/apiClient.ts';
import { useDeleteForm, useSaveForm } from '../../api/useForms.ts';
import { usePublicSettings } from '../../api/usePublicSettings.ts';
import { FormPreview } from './FormPreview.tsx';
import { FIELD_TYPES, cleanForm, moveField, type FormDraft } from './formDraft.ts';

/** The editor of one form: its fields, consent, double opt-in and redirect, with a preview, the hosted link and the embed snippet. */
export function FormEditor({ initial, existing = false }: { initial: FormDraft; existing?: boolean }) {
  const navigate = useNavigate();
  const save = useSaveForm();
  const remove = useDeleteForm();
  const [id, setId] = useState(initial.id);
  const [form, setForm] = useState<FormBody>(initial.form);
  const [copied, setCopied] = useState(false);
  const problems = save.error instanceof ApiError ? save.error.problems : [];
  const problemsAt = (prefix: string) =>
    problems.filter((p) => p.pointer === prefix || (prefix === '/fields' && p.pointer === '/fields')).map((p) => p.message);
  const set = (changes: Partial<FormBody>) => setForm({ ...form, ...changes });
  const setField = (i: number, changes: Partial<FormField>) => set({ fields: form.fields.map((f, j) => (j === i ? { ...f, ...changes } : f)) });
  // The server's public address (HOURGLASS_PUBLIC_URL), not the one this browser uses.
  const origin = usePublicSettings().data?.publicUrl;
  const savedId = existing ? initial.id : save.data?.id;
  const hosted = savedId && origin ? `${origin}/f/${encodeURIComponent(savedId)}` : null;
  const snippet = savedId && origin ? `<script src="${origin}/f/${encodeURIComponent(savedId)}/embed.js" async></script>` : null;

  const onSave = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate(
      { id: id.trim(), form: cleanForm(form) },
      {
        onSuccess: (saved) => {
          if (!existing) navigate(`/forms/${encodeURIComponent(saved.id)}`);
        },
      },
    );
  };

  return (
    <div className="hg-form-editor">
      <form onSubmit={onSave} aria-label="Form editor">
        <div className="hg-field">
          <label className="hg-field__label" htmlFor="form-id">
            Form id
          </label>
          <input id="form-id" className="hg-input" value={id} readOnly={existing} placeholder="whitepaper" onChange={(e) => setId(e.target.value)} />
          <div className="hg-field__hint">Part of the public address /f/ID and of the event form_submitted {'{"form": ID}'} that triggers flows.</div>
        </div>
        <div className="hg-field">
          <label className="hg-field__label" htmlFor="form-name">
            Name (the page's heading)
          </label>
          <input id="form-name" className="hg-input" value={form.name} onChange={(e) => set({ name: e.target.value })} />
          <Messages messages={problemsAt('/name')} />
        </div>
        <h3>Fields</h3>
        <table className="hg-table hg-table--compact hg-form-fields">
          <thead>
            <tr>
              <th>Name</th>
              <th>Label</th>
              <th>Type</th>
              <th>Required</th>
              <th>Options (one per line)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {form.fields.map((f, i) => (
              <tr key={i} data-testid="form-field">
                <td>
                  <input className="hg-input" aria-label={`Field ${i + 1} name`} value={f.name} onChange={(e) => setField(i, { name: e.target.value })} />
                  <Messages messages={problems.filter((p) => p.pointer.startsWith(`/fields/${i}/`)).map((p) => p.message)} />
                </td>
                <td>
                  <input className="hg-input" aria-label={`Field ${i + 1} label`} value={f.label} onChange={(e) => setField(i, { label: e.target.value })} />
                </td>
                <td>
                  <select
                    className="hg-input"
                    aria-label={`Field ${i + 1} type`}
                    value={f.type}
                    onChange={(e) => setField(i, { type: e.target.value as FormField['type'] })}
                  >
                    {FIELD_TYPES.map((t) => (
                      <option key={t.type} value={t.type}>
                        {t.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Field ${i + 1} required`}
                    checked={f.required ?? false}
                    onChange={(e) => setField(i, { required: e.target.checked })}
                  />
                </td>
                <td>
                  {f.type === 'select' && (
                    <textarea
                      className="hg-input"
                      rows={2}
                      aria-label={`Field ${i + 1} options`}
                      value={(f.options ?? []).join('\n')}
                      onChange={(e) => setField(i, { options: e.target.value.split('\n') })}
                    />
                  )}
                </td>
                <td className="hg-row">
                  <button
                    type="button"
                    className="hg-link-button"
                    aria-label={`Move field ${i + 1} up`}
                    disabled={i === 0}
                    onClick={() => set({ fields: moveField(form.fields, i, -1) })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="hg-link-button"
                    aria-label={`Move field ${i + 1} down`}
                    disabled={i === form.fields.length - 1}
                    onClick={() => set({ fields: moveField(form.fields, i, 1) })}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="hg-link-button"
                    aria-label={`Remove field ${i + 1}`}
                    onClick={() => set({ fields: form.fields.filter((_, j) => j !== i) })}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Messages messages={problemsAt('/fields')} />
        <button
          type="button"
          className="hg-button"
          onClick={() => set({ fields: [...form.fields, { name: `field${form.fields.length + 1}`, label: 'New field', type: 'text' }] })}
        >
          Add a field
        </button>
        <h3>Consent</h3>
        <div className="hg-field">
          <label className="hg-field__label" htmlFor="form-consent">
            Consent text (kept with every consent as proof)
          </label>
          <textarea
            id="form-consent"
            className="hg-input"
            rows={3}
            value={form.consent.text}
            onChange={(e) => set({ consent: { ...form.consent, text: e.target.value } })}
          />
          <Messages messages={problemsAt('/consent/text')} />
        </div>
        <label className="hg-row">
          <input type="checkbox" checked={form.consent.required} onChange={(e) => set({ consent: { ...form.consent, required: e.target.checked } })} /> Consent
          is required to submit
        </label>
        <label className="hg-row">
          <input type="checkbox" checked={form.doubleOptIn} onChange={(e) => set({ doubleOptIn: e.target.checked })} /> Double opt-in: email a confirmation
          link; flows start only once it is followed
        </label>
        <div className="hg-field">
          <label className="hg-field__label" htmlFor="form-redirect">
            Redirect after submitting (optional)
          </label>
          <input
            id="form-redirect"
            className="hg-input"
            type="url"
            placeholder="https://acme.com/thanks"
            value={form.redirect ?? ''}
            onChange={(e) => set({ redirect: e.target.value })}
          />
          <div className="hg-field__hint">Empty: a thank-you page.</div>
          <Messages messages={problemsAt('/redirect')} />
        </div>
        <div className="hg-row">
          <button type="submit" className="hg-button hg-button--primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save form'}
          </button>
          {existing && (
            <button type="button" className="hg-button" onClick={() => remove.mutate(initial.id, { onSuccess: () => navigate('/forms') })}>
              Delete
            </button>
          )}
          {save.isSuccess && (
            <span className="hg-hint" role="status">
              Saved.
            </span>
          )}
          {save.isError && (
            <span className="hg-error-text" role="alert">
              {errorMessage(save.error)}
            </span>
          )}
        </div>
        {hosted && snippet && (
          <section className="hg-card" aria-label="Publish">
            <h3>Use it</h3>
            <p>
              Hosted page:{' '}
              <a href={hosted} target="_blank" rel="noreferrer" data-testid="hosted-link">
                {hosted}
              </a>
            </p>
            <p className="hg-hint">Or embed it in any page of your site:</p>
            <div className="hg-snippet">
              <code data-testid="embed-snippet">{snippet}</code>
              <button
                type="button"
                className="hg-button"
                onClick={() => {
                  void navigator.clipboard?.writeText(snippet).then(() => setCopied(true));
                }}
              >
                {copied ? 'Copied' : 'Copy'}
              </button>
            </div>
          </section>
        )}
      </form>
      <FormPreview form={form} />
    </div>
  );
}

function Messages({ messages }: { messages: string[] }) {
  return messages.length ? (
    <div className="hg-error-text" role="alert">
      {messages.join(' ')}
    </div>
  ) : null;
}
