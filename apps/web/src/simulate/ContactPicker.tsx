import { useEffect, useState } from 'react';
import { useContact } from '../api/useContact.ts';
import { useContacts } from '../api/useContacts.ts';
import type { ContactDetail } from '../api/apiTypes.ts';

/**
 * Finds a real contact of the workspace by id, email or property and hands it over with its
 * recent events, so a flow can be tried on someone it will actually meet. Closed, it asks the
 * server nothing.
 */
export function ContactPicker({ onPick }: { onPick: (detail: ContactDetail) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="hg-contact-picker" data-testid="contact-picker" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Use a real contact</summary>
      {open && <ContactSearch onPick={onPick} />}
    </details>
  );
}

// The contacts page may have cached more results under the same search.
const SHOWN = 8;

function ContactSearch({ onPick }: { onPick: (detail: ContactDetail) => void }) {
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const contacts = useContacts(search.trim(), SHOWN);
  const detail = useContact(chosen);
  useEffect(() => {
    if (chosen && detail.data?.contact.id === chosen) {
      onPick(detail.data);
      setChosen(null);
    }
  }, [chosen, detail.data, onPick]);
  return (
    <>
      <input
        className="hg-input"
        type="search"
        placeholder="Search by id, email or name"
        aria-label="Search contacts"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        data-testid="contact-picker-search"
      />
      {contacts.isError && (
        <p className="hg-error-text" role="alert">
          The contacts could not be loaded.
        </p>
      )}
      {detail.isError && (
        <p className="hg-error-text" role="alert">
          That contact could not be loaded.
        </p>
      )}
      {contacts.data?.length === 0 && <p className="hg-hint">No contact matches.</p>}
      <ul className="hg-contact-picker__list">
        {contacts.data?.slice(0, SHOWN).map((c) => (
          <li key={c.id}>
            <button type="button" className="hg-link-button" data-testid="contact-picker-option" data-id={c.id} onClick={() => setChosen(c.id)}>
              {c.id}
              {c.email ? ` — ${c.email}` : ''}{' '}
              <span className="hg-hint">
                ({c.stage}, score {c.score})
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
