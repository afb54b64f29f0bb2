import type { FormBody } from '@hourglass/api';

/** The form as visitors will see it, drawn from the same fields (the hosted page is served by the server). */
export function FormPreview({ form }: { form: FormBody }) {
  return (
    <div className="hg-form-preview" aria-label="Preview" role="region">
      <h2>{form.name || 'Untitled form'}</h2>
      {form.fields.map((f, i) => {
        const label = `${f.label}${f.required || f.type === 'email' ? ' *' : ''}`;
        if (f.type === 'checkbox')
          return (
            <label key={i} className="hg-form-preview__check">
              <input type="checkbox" disabled /> {label}
            </label>
          );
        return (
          <div key={i} className="hg-form-preview__field">
            <label>{label}</label>
            {f.type === 'select' ? (
              <select disabled className="hg-input">
                <option>Choose…</option>
                {(f.options ?? []).map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            ) : (
              <input disabled className="hg-input" type={f.type === 'number' ? 'number' : f.type === 'email' ? 'email' : 'text'} />
            )}
          </div>
        );
      })}
      <label className="hg-form-preview__check">
        <input type="checkbox" disabled /> {form.consent.text}
      </label>
      <button type="button" className="hg-button hg-button--primary" disabled>
        Submit
      </button>
    </div>
  );
}
