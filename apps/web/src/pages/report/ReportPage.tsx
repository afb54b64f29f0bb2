import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { FlowReport } from '@hourglass/api';
import { errorMessage } from '../../api/apiClient.ts';
import { useFlowReport, type ReportFilters } from '../../api/useFlowReport.ts';
import { useFlowVersions } from '../../api/useFlowVersions.ts';
import { downloadText } from '../../files/downloadText.ts';
import { EnrolmentChart } from './EnrolmentChart.tsx';
import { FlowHandoffs } from './FlowHandoffs.tsx';
import { rate, reportCsv } from './reportCsv.ts';
import { percent, splitVerdict } from './splitVerdict.ts';

const nextDay = (day: string) => new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
const pct = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '–');
const n = (v: number) => v.toLocaleString('en');

/** A flow's report (campaign spec §5): totals, enrolments per day, steps, emails and splits, filtered by entry day and version. */
export function ReportPage() {
  const id = useParams().id!;
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [version, setVersion] = useState('');
  // The page asks for whole days, the last one included; the API's `to` is excluded.
  const filters: ReportFilters = { from, to: until ? nextDay(until) : '', version };
  const report = useFlowReport(id, filters);
  const versions = useFlowVersions(id);
  const save = (name: string, text: string) => downloadText(`${id}-${name}.csv`, text, 'text/csv');

  return (
    <div className="hg-page hg-report" data-testid="report-page">
      <header className="hg-page__header">
        <Link to={`/flows/${id}`} className="hg-toolbar__back">
          ← Back to the flow
        </Link>
        <h1>Report: {id}</h1>
      </header>
      <form className="hg-report__filters" aria-label="Report filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Entered from <input type="date" value={from} max={until || undefined} onChange={(e) => setFrom(e.target.value)} data-testid="report-from" />
        </label>
        <label>
          until (including) <input type="date" value={until} min={from || undefined} onChange={(e) => setUntil(e.target.value)} data-testid="report-until" />
        </label>
        <label>
          Version{' '}
          <select value={version} onChange={(e) => setVersion(e.target.value)} data-testid="report-version">
            <option value="">All versions</option>
            {versions.data?.map((v) => (
              <option key={v.version} value={String(v.version)}>
                v{v.version}
              </option>
            ))}
          </select>
        </label>
        {(from || until || version) && (
          <button
            type="button"
            className="hg-button"
            onClick={() => {
              setFrom('');
              setUntil('');
              setVersion('');
            }}
          >
            Clear filters
          </button>
        )}
        <span className="hg-hint">Contacts are counted by the day (UTC) they entered the flow.</span>
      </form>
      {report.isError ? (
        <p role="alert">Could not load the report: {errorMessage(report.error)}</p>
      ) : !report.data ? (
        <p className="hg-hint">Loading the report…</p>
      ) : (
        <ReportBody r={report.data} save={save} />
      )}
      <FlowHandoffs flowId={id} />
    </div>
  );
}

function ReportBody({ r, save }: { r: FlowReport; save: (name: string, text: string) => void }) {
  const ended = r.completed + r.goal;
  return (
    <>
      <section aria-labelledby="report-totals">
        <h2 id="report-totals">Totals</h2>
        <dl className="hg-report__totals" data-testid="report-totals">
          <div>
            <dt>Entered</dt>
            <dd data-testid="total-enrolled">{n(r.enrolled)}</dd>
          </div>
          <div>
            <dt>In the flow now</dt>
            <dd data-testid="total-active">{n(r.active)}</dd>
          </div>
          <div>
            <dt>Reached the goal</dt>
            <dd data-testid="total-goal">
              {n(r.goal)} <small>({pct(r.goal, r.enrolled)} goal rate)</small>
            </dd>
          </div>
          <div>
            <dt>Finished</dt>
            <dd data-testid="total-ended">
              {n(ended)} <small>({pct(ended, r.enrolled)} completion rate)</small>
            </dd>
          </div>
          {r.removed > 0 && (
            <div>
              <dt>Removed</dt>
              <dd>{n(r.removed)}</dd>
            </div>
          )}
        </dl>
      </section>
      <section aria-labelledby="report-days">
        <h2 id="report-days">
          Contacts entering per day <CsvButton onClick={() => save('per-day', reportCsv.perDay(r))} />
        </h2>
        <EnrolmentChart perDay={r.perDay} />
        <details>
          <summary>As a table</summary>
          <table className="hg-table" data-testid="per-day-table">
            <thead>
              <tr>
                <th>Day (UTC)</th>
                <th>Contacts entered</th>
              </tr>
            </thead>
            <tbody>
              {r.perDay.map((d) => (
                <tr key={d.day}>
                  <td>{d.day}</td>
                  <td>{n(d.enrolled)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
      <section aria-labelledby="report-emails">
        <h2 id="report-emails">
          Emails <CsvButton onClick={() => save('emails', reportCsv.emails(r))} />
        </h2>
        {Object.keys(r.emails).length === 0 ? (
          <p className="hg-hint">This flow sends no email.</p>
        ) : (
          <table className="hg-table" data-testid="emails-table">
            <thead>
              <tr>
                <th>Email</th>
                <th>Sent</th>
                <th>Suppressed</th>
                <th>Opened (unique)</th>
                <th>Clicked (unique)</th>
                <th>Click to open</th>
                <th>Unsubscribed</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(r.emails).map(([id, e]) => (
                <tr key={id} data-testid={`email-row-${id}`}>
                  <td>{id}</td>
                  <td>{n(e.sent)}</td>
                  <td
                    title={Object.entries(e.suppressedReasons)
                      .map(([k, v]) => `${k}: ${v}`)
                      .join(', ')}
                  >
                    {n(e.suppressed)}
                    {e.failed > 0 && ` (+${e.failed} failed)`}
                  </td>
                  <td>
                    {n(e.opened)} ({n(e.uniqueOpened)}, {pct(e.uniqueOpened, e.sent)})
                  </td>
                  <td>
                    {n(e.clicked)} ({n(e.uniqueClicked)}, {pct(e.uniqueClicked, e.sent)})
                  </td>
                  <td>{rate(e.uniqueClicked, e.uniqueOpened) === '' ? '–' : pct(e.uniqueClicked, e.uniqueOpened)}</td>
                  <td>{n(e.unsubscribed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {Object.keys(r.splits).length > 0 && (
        <section aria-labelledby="report-splits">
          <h2 id="report-splits">
            Splits <CsvButton onClick={() => save('splits', reportCsv.splits(r))} />
          </h2>
          {Object.entries(r.splits).map(([id, s]) => (
            <div key={id} className="hg-report__split" data-testid={`split-${id}`}>
              <h3>
                {id}: <span data-testid={`split-verdict-${id}`}>{splitVerdict(s.branches, s.probabilityBest)}</span>
              </h3>
              <table className="hg-table">
                <thead>
                  <tr>
                    <th>Branch</th>
                    <th>Entered</th>
                    <th>{s.measure === 'goal' ? 'Reached the goal' : 'Finished'}</th>
                    <th>Rate</th>
                    <th>Chance to be best</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(s.branches).map(([k, b]) => (
                    <tr key={k}>
                      <td>{k.toUpperCase()}</td>
                      <td>{n(b.entered)}</td>
                      <td>{n(b.goal)}</td>
                      <td>{pct(b.goal, b.entered)}</td>
                      <td>{percent(s.probabilityBest[k] ?? 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      )}
      <section aria-labelledby="report-steps">
        <h2 id="report-steps">
          Steps <CsvButton onClick={() => save('steps', reportCsv.nodes(r))} />
        </h2>
        <table className="hg-table" data-testid="steps-table">
          <thead>
            <tr>
              <th>Step</th>
              <th>Entered</th>
              <th>Waiting now</th>
              <th>Left by</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(r.nodes).map(([id, s]) => (
              <tr key={id} data-testid={`step-row-${id}`}>
                <td>{id}</td>
                <td>{n(s.entered)}</td>
                <td>{n(s.waiting)}</td>
                <td>
                  {Object.entries(s.ports)
                    .map(([p, c]) => `${p}: ${n(c)}`)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function CsvButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="hg-button hg-button--small" onClick={onClick}>
      Download CSV
    </button>
  );
}
