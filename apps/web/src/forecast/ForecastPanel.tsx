import { useEffect, useMemo, useState } from 'react';
import type { EngagementModel, Forecast } from '@hourglass/documents';
import { defaultEngagementModel, forecastShortfalls, propertiesRead } from '@hourglass/engine';
import { useContactMix } from '../api/useContactMix.ts';
import { useScoring } from '../api/useScoring.ts';
import { canvasToFlow } from '../canvas/canvasToFlow.ts';
import { edgeId } from '../canvas/toCanvasEdge.ts';
import { useEditorStore, useEditorStoreApi } from '../editor/store/EditorStoreContext.tsx';
import { downloadJson } from '../files/downloadJson.ts';
import { downloadText } from '../files/downloadText.ts';
import { CohortEditor } from './CohortEditor.tsx';
import { cohortContacts, cohortFromMix, DEFAULT_COHORT } from './cohortDraft.ts';
import { forecastCsv } from './forecastCsv.ts';
import { useForecastWorker } from './useForecastWorker.ts';
import { SidePanel } from '../components/SidePanel.tsx';

const defaultOpen = defaultEngagementModel.emails.default.open?.probability ?? 0;
const defaultClick = defaultEngagementModel.emails.default.click?.probability ?? 0;

/** The default engagement model with other open and click probabilities for every email, and the cohort's contacts. */
function modelWith(open: number, click: number, contacts: Pick<EngagementModel['contacts'], 'stages' | 'properties'>): EngagementModel {
  const d = defaultEngagementModel.emails.default;
  return {
    ...defaultEngagementModel,
    contacts: { ...defaultEngagementModel.contacts, ...contacts },
    emails: {
      ...defaultEngagementModel.emails,
      default: { open: { delay: d.open?.delay ?? 'PT6H', probability: open }, click: { delay: d.click?.delay ?? 'PT8H', probability: click } },
    },
  };
}

const hours = (h: number | null) => (h === null ? '—' : h < 48 ? `${h} h` : `${Math.round((h / 24) * 10) / 10} days`);

/**
 * Forecasts a cohort of synthetic contacts through the flow as it is on the canvas, in a Web
 * Worker, and shows per node and edge how many got there.
 */
export function ForecastPanel({ onClose }: { onClose: () => void }) {
  const store = useEditorStoreApi();
  const meta = useEditorStore((s) => s.meta);
  const scoring = useScoring();
  const mix = useContactMix();
  const cohort = useEditorStore((s) => s.cohort);
  const { run, start, cancel } = useForecastWorker();
  // The model of the forecast shown, to explain its empty steps.
  const [ran, setRan] = useState<EngagementModel | null>(null);
  const [contacts, setContacts] = useState('1000');
  const [seed, setSeed] = useState('1');
  const [open, setOpen] = useState(String(defaultOpen));
  const [click, setClick] = useState(String(defaultClick));
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => () => store.getState().setForecastCounts(null), [store]);
  // The cohort starts like the workspace's contacts, once they (and the scoring model) are known.
  useEffect(() => {
    if (store.getState().cohort || mix.isPending || scoring.isPending) return;
    const read = propertiesRead(canvasToFlow(store.getState()), scoring.data);
    store
      .getState()
      .setCohort(
        mix.data
          ? cohortFromMix(mix.data, read)
          : { ...DEFAULT_COHORT, source: 'The workspace’s contacts could not be read: synthetic contacts are leads without properties.' },
      );
  }, [store, mix.isPending, mix.data, scoring.isPending, scoring.data]);
  const forecast: Forecast | null = run.state === 'done' ? run.forecast : null;
  const shortfalls = useMemo(
    () => (forecast && ran ? forecastShortfalls(canvasToFlow(store.getState()), forecast, ran, scoring.data) : []),
    [forecast, ran, store, scoring.data],
  );
  useEffect(() => {
    if (!forecast) return;
    store.getState().setForecastCounts({
      nodes: Object.fromEntries(Object.entries(forecast.nodes).map(([id, n]) => [id, n.entered])),
      edges: Object.fromEntries(forecast.edges.map((e) => [edgeId(e), e.taken])),
    });
  }, [forecast, store]);

  /** The engagement model the panel's fields describe, or why they describe none. */
  const model = (): EngagementModel | string => {
    const o = Number(open);
    const c = Number(click);
    if (!(o >= 0 && o <= 1) || !(c >= 0 && c <= 1)) return 'Open and click probabilities are between 0 and 1.';
    const people = cohortContacts(cohort ?? DEFAULT_COHORT);
    if (!people.ok) return people.error;
    return modelWith(o, c, { stages: people.stages, properties: people.properties });
  };
  const go = () => {
    const n = Number(contacts);
    const s = Number(seed);
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000) return setProblem('Contacts: a whole number from 1 to 1,000,000.');
    if (!Number.isInteger(s)) return setProblem('Seed: a whole number.');
    const m = model();
    if (typeof m === 'string') return setProblem(m);
    setProblem(null);
    setRan(m);
    start({ flow: canvasToFlow(store.getState()), model: m, contacts: n, seed: s, ...(scoring.data ? { scoring: scoring.data } : {}) });
  };
  const exportModel = () => {
    const m = model();
    if (typeof m === 'string') return setProblem(m);
    setProblem(null);
    downloadJson(`${meta.id}.engagement.json`, m);
  };

  const field = (label: string, value: string, set: (v: string) => void, testId: string) => (
    <label className="hg-field">
      <span className="hg-field__label">{label}</span>
      <input className="hg-input" value={value} inputMode="decimal" data-testid={testId} onChange={(e) => set(e.target.value)} />
    </label>
  );

  return (
    <SidePanel title="Forecast" closeLabel="Close the forecast" testId="forecast-panel" onClose={onClose}>
      <p className="hg-hint">Synthetic contacts arrive over two weeks and are followed for 90 days.</p>
      {field('Contacts', contacts, setContacts, 'forecast-contacts')}
      {field('Seed (the same seed gives the same numbers)', seed, setSeed, 'forecast-seed')}
      {field('Probability that an email is opened', open, setOpen, 'forecast-open')}
      {field('Probability that an email is clicked', click, setClick, 'forecast-click')}
      {cohort ? <CohortEditor cohort={cohort} onChange={(c) => store.getState().setCohort(c)} /> : <p className="hg-hint">Looking at your contacts…</p>}
      {problem && (
        <p className="hg-error-text" role="alert">
          {problem}
        </p>
      )}
      <div className="hg-simulate__run">
        <button
          type="button"
          className="hg-button hg-button--primary"
          data-testid="forecast-run"
          onClick={go}
          disabled={scoring.isPending || !cohort || run.state === 'running'}
        >
          Run forecast
        </button>
        <button
          type="button"
          className="hg-button"
          data-testid="forecast-export-model"
          onClick={exportModel}
          title="The engagement model as a file, for hourglass forecast --model"
        >
          Export model
        </button>
        {run.state === 'running' && (
          <button type="button" className="hg-button" onClick={cancel}>
            Stop
          </button>
        )}
      </div>
      {run.state === 'running' && (
        <div data-testid="forecast-progress">
          <progress className="hg-progress" max={run.total} value={run.done} aria-label="Forecast progress" />
          <span className="hg-hint">
            {run.done} of {run.total} contacts, on {run.workers} {run.workers === 1 ? 'worker' : 'workers'}
          </span>
        </div>
      )}
      {run.state === 'failed' && (
        <p className="hg-error-text" role="alert">
          The forecast failed: {run.message}
        </p>
      )}
      {forecast && (
        <section
          data-testid="forecast-result"
          data-seed={forecast.seed}
          data-contacts={forecast.contacts}
          data-workers={run.state === 'done' ? run.workers : undefined}
        >
          {shortfalls.length > 0 && (
            <div className="hg-forecast-why" role="note" data-testid="forecast-explanations">
              <strong>Why some steps stay empty</strong>
              <ul>
                {shortfalls.map((s) => (
                  <li key={s.node} data-node={s.node}>
                    {s.sentence}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <h3>Outcomes of {forecast.contacts} contacts</h3>
          <dl className="hg-forecast-summary" data-testid="forecast-outcomes">
            {Object.entries(forecast.outcomes).map(([k, v]) => (
              <div key={k} style={{ display: 'contents' }}>
                <dt>{k}</dt>
                <dd data-testid={`forecast-outcome-${k}`}>{v}</dd>
              </div>
            ))}
            <dt>emails sent</dt>
            <dd>{forecast.emails.sent}</dd>
            <dt>suppressed</dt>
            <dd>{forecast.emails.suppressed}</dd>
          </dl>
          <h3>Handoffs per owner</h3>
          {Object.keys(forecast.handoffs).length === 0 ? (
            <p className="hg-hint">No handoffs.</p>
          ) : (
            <dl className="hg-forecast-summary" data-testid="forecast-handoffs">
              {Object.entries(forecast.handoffs).map(([owner, v]) => (
                <div key={owner} style={{ display: 'contents' }}>
                  <dt>{owner}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          )}
          <h3>Time to handoff</h3>
          <p data-testid="forecast-time-to-handoff">
            p10 {hours(forecast.timeToHandoffHours.p10)}, p50 {hours(forecast.timeToHandoffHours.p50)}, p90 {hours(forecast.timeToHandoffHours.p90)} (
            {forecast.timeToHandoffHours.count} handed off)
          </p>
          <div className="hg-simulate__files">
            <button
              type="button"
              className="hg-button"
              data-testid="forecast-export-csv"
              onClick={() => downloadText(`${meta.id}.forecast.csv`, forecastCsv(forecast), 'text/csv')}
            >
              Export CSV
            </button>
            <button type="button" className="hg-button" data-testid="forecast-export-json" onClick={() => downloadJson(`${meta.id}.forecast.json`, forecast)}>
              Export JSON
            </button>
          </div>
        </section>
      )}
    </SidePanel>
  );
}
