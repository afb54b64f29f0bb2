import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { FlowReport } from '@hourglass/api';
import type { HandoffConfig } from '@hourglass/documents';
import { errorMessage } from '../../api/apiClient.ts';
import { useFlowReport } from '../../api/useFlowReport.ts';
import { useFlowVersion } from '../../api/useFlowVersion.ts';
import { useFlowVersions } from '../../api/useFlowVersions.ts';
import { downloadText } from '../../files/downloadText.ts';
import { count, dayInWords } from '../../report/reportNumbers.ts';
import { reportFilters } from '../../report/reportRange.ts';
import { CsvButton } from './CsvButton.tsx';
import { EmailsTable } from './EmailsTable.tsx';
import { EnrolmentChart } from './EnrolmentChart.tsx';
import { FlowHandoffs } from './FlowHandoffs.tsx';
import { FunnelSection } from './FunnelSection.tsx';
import { HandoffsSection } from './HandoffsSection.tsx';
import { mostCommonPath } from './mostCommonPath.ts';
import { ReportTotals } from './ReportTotals.tsx';
import { reportCsv } from './reportCsv.ts';
import { reportFlow, type ReportFlow } from './reportFlow.ts';
import { SplitsSection } from './SplitsSection.tsx';
import { StepsTable } from './StepsTable.tsx';

/**
 * A flow's report (campaign spec §5): totals, enrolments per day, the funnel along the most
 * common path, emails, splits, handoffs with sales' verdicts and steps, filtered by entry day
 * and version; every table as CSV. Steps are named as in the version shown (the latest one
 * when all versions are counted).
 */
export function ReportPage() {
  const id = useParams().id!;
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [version, setVersion] = useState('');
  const report = useFlowReport(id, reportFilters(from, until, version));
  const versions = useFlowVersions(id);
  const shownVersion = version ? Number(version) : (versions.data?.[0]?.version ?? null);
  const doc = useFlowVersion(id, shownVersion);
  const flow = useMemo(() => reportFlow(doc.data?.flow), [doc.data]);
  const save = (name: string, text: string) => downloadText(`${id}-${name}.csv`, text, 'text/csv');

  return (
    <div className="hg-page hg-report" data-testid="report-page">
      <header className="hg-page__header">
        <Link to={`/flows/${id}`} className="hg-toolbar__back">
          ← Back to the flow
        </Link>
        <h1>Report: {(doc.data?.flow as { name?: string } | undefined)?.name || id}</h1>
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
        <ReportBody r={report.data} flow={flow} save={save} />
      )}
      <FlowHandoffs flowId={id} />
    </div>
  );
}

function ReportBody({ r, flow, save }: { r: FlowReport; flow: ReportFlow; save: (name: string, text: string) => void }) {
  const { nameOf } = flow;
  const funnel = useMemo(() => mostCommonPath(flow.flow, r), [flow, r]);
  const configOf = (id: string): HandoffConfig | undefined => {
    const n = flow.flow.nodes.find((x) => x.id === id);
    return n?.type === 'handoff' ? n.config : undefined;
  };
  return (
    <>
      <ReportTotals r={r} />
      <section aria-labelledby="report-days">
        <h2 id="report-days">
          Contacts entering per day <CsvButton onClick={() => save('per-day', reportCsv.perDay(r))} what="contacts per day" />
        </h2>
        <EnrolmentChart perDay={r.perDay} />
        <details>
          <summary>As a table</summary>
          <table className="hg-table" data-testid="per-day-table">
            <thead>
              <tr>
                <th scope="col">Day (UTC)</th>
                <th scope="col">Contacts entered</th>
              </tr>
            </thead>
            <tbody>
              {r.perDay.map((d) => (
                <tr key={d.day}>
                  <td>{dayInWords(d.day)}</td>
                  <td>{count(d.enrolled)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
      <FunnelSection steps={funnel} nameOf={nameOf} save={() => save('funnel', reportCsv.funnel(funnel, nameOf))} />
      <EmailsTable r={r} nameOf={nameOf} save={() => save('emails', reportCsv.emails(r, nameOf))} />
      <SplitsSection r={r} nameOf={nameOf} save={() => save('splits', reportCsv.splits(r, nameOf))} />
      <HandoffsSection r={r} nameOf={nameOf} configOf={configOf} save={() => save('handoffs', reportCsv.handoffs(r, nameOf))} />
      <StepsTable r={r} nameOf={nameOf} save={() => save('steps', reportCsv.nodes(r, nameOf))} />
    </>
  );
}
