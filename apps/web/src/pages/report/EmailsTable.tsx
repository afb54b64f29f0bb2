import type { FlowReport } from '@hourglass/api';
import { emailNumbers, emailRates } from '../../report/emailRates.ts';
import { count, share } from '../../report/reportNumbers.ts';
import { CsvButton } from './CsvButton.tsx';

const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;
const REASONS: Record<string, string> = { unsubscribed: 'unsubscribed', 'no-email': 'no email address' };

/** A count with its rate below it. */
function Rated({ n, of, testId }: { n: number; of: number; testId?: string }) {
  return (
    <>
      <span data-testid={testId}>{count(n)}</span>
      <small className="hg-report__rate">{share(n, of)}</small>
    </>
  );
}

/** Every email step: reached, sent, delivered, suppressed with reasons, failed, opens, clicks, click-to-open, unsubscribes. */
export function EmailsTable({ r, nameOf, save }: { r: FlowReport; nameOf: (id: string) => string; save: () => void }) {
  const emails = Object.entries(r.emails);
  return (
    <section aria-labelledby="report-emails">
      <h2 id="report-emails">
        Emails <CsvButton onClick={save} what="the emails table" />
      </h2>
      {emails.length === 0 ? (
        <p className="hg-hint">This flow sends no email.</p>
      ) : (
        <div className="hg-report__scroll">
          <table className="hg-table hg-report__numbers" data-testid="emails-table">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col" title="Contacts that reached the email step">
                  Reached
                </th>
                <th scope="col" title="Handed to the mail server (share of those who reached the step)">
                  Sent
                </th>
                <th scope="col" title="Accepted by the mail server (share of sent)">
                  Delivered
                </th>
                <th scope="col" title="Not sent, and why">
                  Suppressed
                </th>
                <th scope="col" title="Could not be written (a template error)">
                  Failed
                </th>
                <th scope="col" title="Contacts who opened (share of delivered); all opens below">
                  Opened
                </th>
                <th scope="col" title="Contacts who clicked (share of delivered); all clicks below">
                  Clicked
                </th>
                <th scope="col" title="Contacts who clicked, of those who opened">
                  Click-to-open
                </th>
                <th scope="col" title="Unsubscribed from this email (share of delivered)">
                  Unsubscribed
                </th>
              </tr>
            </thead>
            <tbody>
              {emails.map(([id, e]) => {
                const n = emailNumbers(e, r.nodes[id]?.entered ?? 0);
                const rates = emailRates(n);
                const reasons = Object.entries(e.suppressedReasons).filter(([, v]) => v > 0);
                return (
                  <tr key={id} data-testid={`email-row-${id}`}>
                    <th scope="row">{nameOf(id)}</th>
                    <td data-testid={`email-reached-${id}`}>{count(n.reached)}</td>
                    <td>
                      <Rated n={n.sent} of={n.reached} testId={`email-sent-${id}`} />
                    </td>
                    <td>
                      <Rated n={n.delivered} of={n.sent} testId={`email-delivered-${id}`} />
                    </td>
                    <td data-testid={`email-suppressed-${id}`}>
                      {count(n.suppressed)}
                      {reasons.length > 0 && <small className="hg-report__rate">{reasons.map(([k, v]) => `${REASONS[k] ?? k}: ${count(v)}`).join(', ')}</small>}
                    </td>
                    <td>{count(n.failed)}</td>
                    <td>
                      <Rated n={n.uniqueOpened} of={n.delivered} testId={`email-opened-${id}`} />
                      <small className="hg-report__rate">{plural(e.opened, 'open')}</small>
                    </td>
                    <td>
                      <Rated n={n.uniqueClicked} of={n.delivered} testId={`email-clicked-${id}`} />
                      <small className="hg-report__rate">{plural(e.clicked, 'click')}</small>
                    </td>
                    <td data-testid={`email-cto-${id}`}>{rates.clickToOpen === null ? '–' : share(n.uniqueClicked, n.uniqueOpened)}</td>
                    <td>
                      <Rated n={n.unsubscribed} of={n.delivered} testId={`email-unsubscribed-${id}`} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
