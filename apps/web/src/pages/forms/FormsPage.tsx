import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/apiClient.ts';
import { useForm, useForms } from '../../api/useForms.ts';
import { FormEditor } from './FormEditor.tsx';
import { newForm } from './formDraft.ts';

/** /forms and /forms/:id — the forms with consent, and the editor of one (`/forms/new` for a new one). */
export function FormsPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const forms = useForms();
  const isNew = id === 'new';
  const form = useForm(id && !isNew ? id : null);
  return (
    <div className="hg-page hg-split">
      <section className="hg-split__list" aria-label="Forms">
        <h1>Forms</h1>
        <button type="button" className="hg-button" onClick={() => navigate('/forms/new')}>
          New form
        </button>
        {forms.isPending ? (
          <p>Loading…</p>
        ) : forms.isError ? (
          <p className="hg-error-text">{errorMessage(forms.error)}</p>
        ) : forms.data.forms.length === 0 ? (
          <p className="hg-hint">No forms yet. A form collects contacts with their consent, on a hosted page or embedded in your site.</p>
        ) : (
          <ul className="hg-list">
            {forms.data.forms.map((f) => (
              <li key={f.id}>
                <Link to={`/forms/${encodeURIComponent(f.id)}`} className={f.id === id ? 'is-active' : ''}>
                  <strong>{f.name}</strong>
                  <span className="hg-hint hg-mono">
                    {f.id}
                    {f.doubleOptIn ? ' · double opt-in' : ''}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Form">
        {isNew ? (
          <FormEditor key="new" initial={newForm()} />
        ) : !id ? (
          <p className="hg-hint">Choose a form, or make a new one.</p>
        ) : form.isPending ? (
          <p>Loading…</p>
        ) : form.isError ? (
          <p className="hg-error-text" role="alert">
            {errorMessage(form.error)}
          </p>
        ) : (
          <FormEditor key={form.data.id} initial={{ id: form.data.id, form: form.data }} existing />
        )}
      </section>
    </div>
  );
}
