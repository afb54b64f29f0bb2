import { count, share } from '../../report/reportNumbers.ts';
import { CsvButton } from './CsvButton.tsx';
import type { FunnelStep } from './mostCommonPath.ts';

/**
 * The funnel along the most common path: each step with how many entered it (a bar as wide as
 * its share of the first step) and how many were lost before the next.
 */
export function FunnelSection({ steps, nameOf, save }: { steps: readonly FunnelStep[]; nameOf: (id: string) => string; save: () => void }) {
  const first = steps[0]?.entered ?? 0;
  return (
    <section aria-labelledby="report-funnel">
      <h2 id="report-funnel">
        Most common path <CsvButton onClick={save} what="the funnel" />
      </h2>
      <p className="hg-hint">From the trigger most contacts entered by, following at each step the way out most contacts took.</p>
      {steps.length === 0 ? (
        <p className="hg-hint">This flow has no trigger.</p>
      ) : (
        <table className="hg-table hg-funnel hg-report__numbers" data-testid="funnel-table">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Entered</th>
              <th scope="col" className="hg-funnel__bar-head">
                Share of the first step
              </th>
              <th scope="col">Then</th>
              <th scope="col" title="Left the flow, took another way, or still on their way">
                Not (yet) at the next step
              </th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s, i) => (
              <tr key={s.node} data-testid={`funnel-step-${s.node}`}>
                <th scope="row">
                  {i + 1}. {nameOf(s.node)}
                </th>
                <td data-testid={`funnel-entered-${s.node}`}>{count(s.entered)}</td>
                <td>
                  <span className="hg-funnel__bar" aria-hidden="true">
                    <span style={{ width: `${first > 0 ? Math.min(100, (s.entered / first) * 100) : 0}%` }} />
                  </span>{' '}
                  {share(s.entered, first)}
                </td>
                <td>{s.port ? `by ${s.port}` : i < steps.length - 1 ? 'next step' : 'end of the path'}</td>
                <td data-testid={`funnel-drop-${s.node}`}>
                  {s.drop === null ? '' : s.drop >= 0 ? `${count(s.drop)} (${share(s.drop, s.entered)})` : `+${count(-s.drop)} joined from other paths`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
