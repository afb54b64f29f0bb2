import { useState } from 'react';
import type { Scalar, Stage } from '@hourglass/documents';
import type { ContactSummary } from '../../api/apiTypes.ts';
import { errorMessage } from '../../api/apiClient.ts';
import { useSaveContact } from '../../api/useSaveContact.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { StageSelect } from '../../inspector/fields/StageSelect.tsx';

type Contact = Pick<ContactSummary, 'id' | 'email' | 'stage' | 'owner' | 'properties'>;
interface PropertyRow {
  key: number;
  name: string;
  value: string;
}

// As in a CSV import: a number written the way numbers print becomes a number ("00123" stays text).
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const valueOf = (text: string, before: Scalar | undefined): Scalar =>
  NUMBER.test(text.trim()) ? Number(text.trim()) : typeof before === 'boolean' && (text === 'true' || text === 'false') ? text === 'true' : text;

/** A new id for a contact made by hand: random, so nobody has to think of one. */
const newContactId = () => `c-${crypto.randomUUID()}`;

/** Adds a contact by hand, or edits one: email, stage, owner and properties as fields. */
export function ContactForm({ contact, onClose, onSaved }: { contact?: Contact; onClose: () => void; onSaved: (id: string) => void }) {
  const save = useSaveContact();
  const [email, setEmail] = useState(contact?.email ?? '');
  const [stage, setStage] = useState<Stage>((contact?.stage as Stage) ?? 'subscriber');
  const [owner, setOwner] = useState(contact?.owner ?? '');
  const [rows, setRows] = useState<PropertyRow[]>(() =>
    Object.entries(contact?.properties ?? {}).map(([name, value], key) => ({ key, name, value: value === null ? '' : String(value) })),
  );
  const [nextKey, setNextKey] = useState(rows.length);
  const names = rows.map((r) => r.name.trim()).filter(Boolean);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);

  const submit = () => {
    const id = contact?.id ?? newContactId();
    const properties: Record<string, Scalar> = {};
    for (const r of rows) if (r.name.trim()) properties[r.name.trim()] = valueOf(r.value, contact?.properties[r.name.trim()]);
    // Properties merge on the server: one taken away here is cleared.
    for (const name of Object.keys(contact?.properties ?? {})) if (!(name in properties)) properties[name] = null;
    save.mutate({ id, changes: { email: email.trim() || null, stage, owner: owner.trim() || null, properties } }, { onSuccess: () => onSaved(id) });
  };

  return (
    <Dialog open onClose={onClose} title={contact ? 'Edit contact' : 'Add a contact'} testId="contact-form">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="hg-form-grid">
          <label htmlFor="contact-email">Email address</label>
          <input id="contact-email" className="hg-input" type="email" required={!contact} value={email} onChange={(e) => setEmail(e.target.value)} />
          <label htmlFor="contact-stage">Lifecycle stage</label>
          <StageSelect id="contact-stage" value={stage} onChange={(s) => setStage(s ?? 'subscriber')} />
          <label htmlFor="contact-owner">Owner</label>
          <input
            id="contact-owner"
            className="hg-input"
            type="email"
            placeholder="the salesperson's email"
            value={owner}
            onChange={(e) => setOwner(e.target.value)}
          />
        </div>
        {contact && <p className="hg-hint">A stage only moves forward: choosing an earlier one leaves it as it is.</p>}
        <h3>Properties</h3>
        {rows.map((r) => (
          <div key={r.key} className="hg-property-row">
            <input
              className="hg-input"
              aria-label="Property name"
              placeholder="name, e.g. firstName"
              value={r.name}
              onChange={(e) => setRows(rows.map((x) => (x.key === r.key ? { ...x, name: e.target.value } : x)))}
            />
            <input
              className="hg-input"
              aria-label={`Value of ${r.name || 'the property'}`}
              placeholder="value"
              value={r.value}
              onChange={(e) => setRows(rows.map((x) => (x.key === r.key ? { ...x, value: e.target.value } : x)))}
            />
            <button
              type="button"
              className="hg-button"
              aria-label={`Remove ${r.name || 'this property'}`}
              onClick={() => setRows(rows.filter((x) => x.key !== r.key))}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="hg-button"
          onClick={() => {
            setRows([...rows, { key: nextKey, name: '', value: '' }]);
            setNextKey(nextKey + 1);
          }}
        >
          Add a property
        </button>
        {duplicate && (
          <p className="hg-error-text" role="alert">
            Two properties are named “{duplicate}”.
          </p>
        )}
        {save.isError && (
          <p className="hg-error-text" role="alert">
            {errorMessage(save.error)}
          </p>
        )}
        <div className="hg-row">
          <button type="button" className="hg-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="hg-button hg-button--primary" disabled={save.isPending || !!duplicate}>
            {contact ? 'Save' : 'Add the contact'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
