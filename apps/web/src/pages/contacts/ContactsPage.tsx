import { useDeferredValue, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/apiClient.ts';
import { useContacts } from '../../api/useContacts.ts';
import { stageLabel } from '../../inspector/fields/StageSelect.tsx';
import { ContactDetail } from './ContactDetail.tsx';
import { ContactForm } from './ContactForm.tsx';
import { EnrolSelection } from './EnrolSelection.tsx';
import { ImportDialog } from './ImportDialog.tsx';

/** /contacts and /contacts/:id — search contacts, import or add them, enrol a selection, look at one. */
export function ContactsPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const deferred = useDeferredValue(search);
  const contacts = useContacts(deferred);
  const [importing, setImporting] = useState(false);
  const [adding, setAdding] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const shown = contacts.data ?? [];
  const toggle = (contactId: string) => {
    const next = new Set(selected);
    if (!next.delete(contactId)) next.add(contactId);
    setSelected(next);
  };
  const allTicked = shown.length > 0 && shown.every((c) => selected.has(c.id));
  return (
    <div className="hg-page hg-split">
      <section className="hg-split__list" aria-label="Contacts">
        <h1>Contacts</h1>
        <div className="hg-row">
          <button type="button" className="hg-button" onClick={() => setImporting(true)}>
            Import CSV…
          </button>
          <button type="button" className="hg-button" onClick={() => setAdding(true)}>
            Add a contact
          </button>
        </div>
        <input
          className="hg-input"
          type="search"
          aria-label="Search contacts"
          placeholder="Search by name, email or id"
          value={search}
          onChange={(e) => setParams(e.target.value ? { q: e.target.value } : {}, { replace: true })}
        />
        {contacts.isPending ? (
          <p>Loading…</p>
        ) : contacts.isError ? (
          <p className="hg-error-text">{errorMessage(contacts.error)}</p>
        ) : shown.length === 0 ? (
          <p className="hg-hint">{search ? 'No contact matches.' : 'No contacts yet. Import a CSV file or add one by hand.'}</p>
        ) : (
          <>
            <EnrolSelection selected={shown.filter((c) => selected.has(c.id))} onDone={() => setSelected(new Set())} />
            <label className="hg-row hg-hint">
              <input type="checkbox" checked={allTicked} onChange={() => setSelected(allTicked ? new Set() : new Set(shown.map((c) => c.id)))} />
              Select all {shown.length} shown
            </label>
            <ul className="hg-list hg-contact-list">
              {shown.map((c) => {
                const name = String(c.properties.firstName ?? c.email ?? c.id);
                return (
                  <li key={c.id}>
                    <input type="checkbox" aria-label={`Select ${name}`} checked={selected.has(c.id)} onChange={() => toggle(c.id)} />
                    <Link
                      to={`/contacts/${encodeURIComponent(c.id)}${search ? `?q=${encodeURIComponent(search)}` : ''}`}
                      className={c.id === id ? 'is-active' : ''}
                    >
                      <strong>{name}</strong>
                      <span className="hg-hint">
                        {c.email ?? 'no email'} · {stageLabel(c.stage)} · {c.score} pts
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </section>
      <section className="hg-split__detail">
        {id ? <ContactDetail key={id} id={id} /> : <p className="hg-hint">Choose a contact to see their score, events and flows.</p>}
      </section>
      <ImportDialog open={importing} onClose={() => setImporting(false)} />
      {adding && (
        <ContactForm
          onClose={() => setAdding(false)}
          onSaved={(newId) => {
            setAdding(false);
            navigate(`/contacts/${encodeURIComponent(newId)}`);
          }}
        />
      )}
    </div>
  );
}
