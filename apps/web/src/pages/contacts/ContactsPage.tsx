import { useDeferredValue } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/apiClient.ts';
import { useContacts } from '../../api/useContacts.ts';
import { stageLabel } from '../../inspector/fields/StageSelect.tsx';
import { ContactDetail } from './ContactDetail.tsx';

/** /contacts and /contacts/:id — search contacts and look at one. */
export function ContactsPage() {
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const deferred = useDeferredValue(search);
  const contacts = useContacts(deferred);
  return (
    <div className="hg-page hg-split">
      <section className="hg-split__list" aria-label="Contacts">
        <h1>Contacts</h1>
        <input className="hg-input" type="search" aria-label="Search contacts" placeholder="Search by name, email or id" value={search}
          onChange={(e) => setParams(e.target.value ? { q: e.target.value } : {}, { replace: true })} />
        {contacts.isPending ? <p>Loading…</p> : contacts.isError ? <p className="hg-error-text">{errorMessage(contacts.error)}</p> : contacts.data.length === 0 ? (
          <p className="hg-hint">{search ? 'No contact matches.' : 'No contacts yet. They appear when events arrive through the API.'}</p>
        ) : (
          <ul className="hg-list">
            {contacts.data.map((c) => (
              <li key={c.id}>
                <Link to={`/contacts/${encodeURIComponent(c.id)}${search ? `?q=${encodeURIComponent(search)}` : ''}`} className={c.id === id ? 'is-active' : ''}>
                  <strong>{String(c.properties.firstName ?? c.email ?? c.id)}</strong>
                  <span className="hg-hint">{c.email ?? c.id} · {stageLabel(c.stage)} · {c.score} pts</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="hg-split__detail">
        {id ? <ContactDetail key={id} id={id} /> : <p className="hg-hint">Choose a contact to see their score, events and flows.</p>}
      </section>
    </div>
  );
}
