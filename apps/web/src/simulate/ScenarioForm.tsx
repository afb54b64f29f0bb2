import type { Flow, Stage } from '@hourglass/documents';
import { StageSelect } from '../inspector/fields/StageSelect.tsx';
import { DurationField } from '../inspector/fields/DurationField.tsx';
import { TextField } from '../inspector/fields/TextField.tsx';
import { EventTimeField } from './EventTimeField.tsx';
import { InstantField } from './InstantField.tsx';
import { KeyValueRows } from './KeyValueRows.tsx';
import { useCallback, useRef } from 'react';
import type { ContactDetail } from '../api/apiTypes.ts';
import { contactToDraft, type EventDraft, type ScenarioDraft } from './scenarioDraft.ts';
import { ContactPicker } from './ContactPicker.tsx';
import { alreadyInDraft, applySuggestion, scenarioSuggestions } from './scenarioSuggestions.ts';

interface ScenarioFormProps {
  flow: Flow;
  draft: ScenarioDraft;
  onChange: (draft: ScenarioDraft) => void;
  /** When the draft brings the contact to each node (see `nodeArrivals`), to time suggestions. */
  arrivals?: Readonly<Record<string, number>>;
}

const emptyEvent = (): EventDraft => ({ at: 'P1D', type: '', data: [], properties: [], stage: '' });

/** The test contact, the start and the timeline of events of a scenario, with suggestions drawn from the flow. */
export function ScenarioForm({ flow, draft, onChange, arrivals }: ScenarioFormProps) {
  // The picker answers after a fetch: it must change the draft as it is then.
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const contact = (c: Partial<ScenarioDraft['contact']>) => onChange({ ...draft, contact: { ...draft.contact, ...c } });
  const event = (i: number, e: Partial<EventDraft>) => onChange({ ...draft, events: draft.events.map((x, k) => (k === i ? { ...x, ...e } : x)) });
  const suggestions = scenarioSuggestions(flow, arrivals).filter((s) => !alreadyInDraft(draft, s));
  // Times are shown and picked in the flow's time zone, as its waits and send window read them.
  const timezone = flow.settings.timezone ?? 'UTC';
  const pick = useCallback((detail: ContactDetail) => onChange(contactToDraft(draftRef.current, detail, Date.now())), [onChange]);
  return (
    <div className="hg-scenario-form" data-testid="scenario-form">
      <TextField label="Scenario name" value={draft.name} onChange={(name) => onChange({ ...draft, name })} testId="scenario-name" />
      <h3>Test contact</h3>
      <ContactPicker onPick={pick} />
      <TextField label="Contact id" value={draft.contact.id} onChange={(id) => contact({ id })} testId="scenario-contact-id" />
      <TextField label="Email" value={draft.contact.email} onChange={(email) => contact({ email })} testId="scenario-contact-email" />
      <label className="hg-field__label">
        Stage
        <StageSelect value={draft.contact.stage as Stage} label="Stage" onChange={(stage) => contact({ stage: stage ?? 'subscriber' })} />
      </label>
      <TextField label="Owner (optional)" value={draft.contact.owner} onChange={(owner) => contact({ owner })} testId="scenario-contact-owner" />
      <TextField label="Starting score (optional)" value={draft.contact.score} onChange={(score) => contact({ score })} />
      <KeyValueRows label="Property" rows={draft.contact.properties} onChange={(properties) => contact({ properties })} testId="scenario-contact-properties" />
      <InstantField label="Starts on" value={draft.start} timezone={timezone} onChange={(start) => onChange({ ...draft, start })} testId="scenario-start" />
      <DurationField
        label="Simulate for"
        value={draft.horizon}
        onChange={(horizon) => onChange({ ...draft, horizon })}
        hint="How long after the start to follow the contact."
        testId="scenario-horizon"
      />
      <label className="hg-check">
        <input type="checkbox" checked={draft.enrol} onChange={(e) => onChange({ ...draft, enrol: e.target.checked })} /> Enrol by hand at the start
      </label>
      <h3>Events</h3>
      {suggestions.length > 0 && (
        <div className="hg-suggestions" role="group" aria-label="Suggested events">
          {suggestions.map((s) => (
            <button
              key={s.label}
              type="button"
              className="hg-chip"
              data-testid="simulate-suggestion"
              title={s.hint}
              onClick={() => onChange(applySuggestion(draft, s))}
            >
              {s.label}
            </button>
          ))}
        </div>
      )}
      <ol className="hg-scenario-events" data-testid="scenario-events">
        {draft.events.map((e, i) => (
          <li key={i} className="hg-scenario-event">
            <div className="hg-scenario-event__head">
              <input
                className="hg-input"
                aria-label={`Event ${i + 1} type`}
                placeholder="event, e.g. email_clicked"
                value={e.type}
                onChange={(x) => event(i, { type: x.target.value })}
              />
              <button
                type="button"
                className="hg-link-button"
                aria-label={`Remove event ${i + 1}`}
                onClick={() => onChange({ ...draft, events: draft.events.filter((_, k) => k !== i) })}
              >
                ×
              </button>
            </div>
            <EventTimeField name={`Event ${i + 1}`} value={e.at} start={draft.start} timezone={timezone} onChange={(at) => event(i, { at })} />
            <KeyValueRows label="Data" rows={e.data} onChange={(data) => event(i, { data })} testId={`scenario-event-${i}-data`} />
            <KeyValueRows
              label="Sets property"
              rows={e.properties}
              onChange={(properties) => event(i, { properties })}
              testId={`scenario-event-${i}-properties`}
            />
            <StageSelect
              value={(e.stage || undefined) as Stage | undefined}
              label={`Event ${i + 1} stage`}
              optional="(stage unchanged)"
              onChange={(stage) => event(i, { stage: stage ?? '' })}
            />
          </li>
        ))}
      </ol>
      <button type="button" className="hg-button" onClick={() => onChange({ ...draft, events: [...draft.events, emptyEvent()] })}>
        + Event
      </button>
    </div>
  );
}
