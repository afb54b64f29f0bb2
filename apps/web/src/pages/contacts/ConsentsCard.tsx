import type { Consent } from '@hourglass/api';
import { useForms } from '../../api/useForms.ts';
import { formatInstant } from '../../components/formatInstant.ts';

const STATUS: Record<Consent['status'], string> = {
  confirmed: 'Confirmed',
  pending: 'Waiting for the confirmation link',
  expired: 'Expired (link not followed within 7 days)',
};

/** The proof of each consent given through a form: when, which form and text, from where, confirmed or not. */
export function ConsentsCard({ consents }: { consents: readonly Consent[] }) {
  const forms = useForms();
  // A deleted form keeps its consents: then its id is all there is to show.
  const formName = (id: string) => forms.data?.forms.find((f) => f.id === id)?.name;
  return (
    <section className="hg-card" aria-label="Consents">
      <h3>Consents</h3>
      {consents.length === 0 ? (
        <p className="hg-hint">No consent given through a form.</p>
      ) : (
        <table className="hg-table hg-table--compact">
          <thead>
            <tr>
              <th>When</th>
              <th>Form</th>
              <th>Text agreed to</th>
              <th>From</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {consents.map((c) => (
              <tr key={c.id}>
                <td>{formatInstant(c.at)}</td>
                <td>{formName(c.form) ?? <span className="hg-mono">{c.form}</span>}</td>
                <td>{c.text}</td>
                <td>
                  <span className="hg-mono">{c.ip}</span>
                  <div className="hg-hint">{c.userAgent}</div>
                </td>
                <td>
                  {STATUS[c.status]}
                  {c.confirmedAt && c.doubleOptIn ? <div className="hg-hint">through the emailed link, {formatInstant(c.confirmedAt)}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
