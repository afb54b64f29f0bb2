import { useState } from 'react';
import { errorMessage } from '../../api/apiClient.ts';
import { useContact } from '../../api/useContact.ts';
import { FailedEmailsNotice } from '../../components/FailedEmailsNotice.tsx';
import { formatInstant } from '../../components/formatInstant.ts';
import { stageLabel } from '../../inspector/fields/StageSelect.tsx';
import { EventSummary } from '../../components/EventSummary.tsx';
import { FlowName, StepName } from '../../components/StepName.tsx';
import { ConsentsCard } from './ConsentsCard.tsx';
import { ContactHandoffs } from './ContactHandoffs.tsx';
import { ContactForm } from './ContactForm.tsx';
import { EnrolForm } from './EnrolForm.tsx';
import { EnrolmentActions } from './EnrolmentActions.tsx';
import { ScoreSplit } from './ScoreSplit.tsx';
import { TraceView } from './TraceView.tsx';

/** One contact: score split, properties, events, enrolments and, per flow, the trace. */
export function ContactDetail({ id }: { id: string }) {
  const contact = useContact(id);
  const [traceFlow, setTraceFlow] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  if (contact.isPending) return <p>Loading the contact…</p>;
  if (contact.isError)
    return (
      <p className="hg-error-text" role="alert">
        This contact cannot be shown: {errorMessage(contact.error)}
      </p>
    );
  const { contact: c, score, events, enrolments, consents } = contact.data;
  return (
    <article className="hg-contact" data-testid="contact-detail">
      <header>
        <h2>
          {String(c.properties.firstName ?? '')} {String(c.properties.lastName ?? '')} <span className="hg-hint hg-mono">{c.id}</span>
        </h2>
        <p>
          {c.email ?? 'No email address'} · {stageLabel(c.stage)} · owner {c.owner ?? 'none'}
        </p>
        <button type="button" className="hg-button" onClick={() => setEditing(true)}>
          Edit
        </button>
      </header>
      <FailedEmailsNotice contact={c.id} />
      {editing && <ContactForm contact={c} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
      <section className="hg-card">
        <h3>Score</h3>
        <ScoreSplit score={score} />
      </section>
      <section className="hg-card">
        <h3>Properties</h3>
        {Object.keys(c.properties).length === 0 ? (
          <p className="hg-hint">No properties.</p>
        ) : (
          <table className="hg-table hg-table--compact">
            <tbody>
              {Object.entries(c.properties).map(([k, v]) => (
                <tr key={k}>
                  <th>{k}</th>
                  <td>{String(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="hg-card" aria-label="Flows">
        <h3>Flows</h3>
        {enrolments.length === 0 ? (
          <p className="hg-hint">Not in any flow.</p>
        ) : (
          <table className="hg-table hg-table--compact">
            <thead>
              <tr>
                <th>Flow</th>
                <th>Status</th>
                <th>Now at</th>
                <th>Entered</th>
                <th>Left</th>
                <th />
                <th />
              </tr>
            </thead>
            <tbody>
              {enrolments.map((e) => (
                <tr key={e.id}>
                  <td>
                    <FlowName flowId={e.flowId} /> <span className="hg-hint">v{e.version}</span>
                  </td>
                  <td>{e.status}</td>
                  <td>{e.position ? <StepName flowId={e.flowId} node={e.position} /> : '—'}</td>
                  <td>{formatInstant(e.enteredAt)}</td>
                  <td>{formatInstant(e.endedAt)}</td>
                  <td>
                    <button type="button" className="hg-link-button" onClick={() => setTraceFlow(e.flowId)}>
                      Show the trace
                    </button>
                  </td>
                  <td>
                    <EnrolmentActions contactId={c.id} enrolment={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {traceFlow && <TraceView contactId={c.id} flowId={traceFlow} />}
        <EnrolForm contactId={c.id} />
      </section>
      <ContactHandoffs contactId={c.id} />
      <section className="hg-card">
        <h3>Events</h3>
        {events.length === 0 ? (
          <p className="hg-hint">No events yet.</p>
        ) : (
          <table className="hg-table hg-table--compact">
            <thead>
              <tr>
                <th>When</th>
                <th>Event</th>
                <th>Data</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>{formatInstant(e.at)}</td>
                  <td>{e.type}</td>
                  <td>
                    <EventSummary type={e.type} data={e.data} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ConsentsCard consents={consents} />
    </article>
  );
}
