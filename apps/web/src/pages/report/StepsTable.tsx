import type { FlowReport } from '@hourglass/api';
import { count } from '../../report/reportNumbers.ts';
import { CsvButton } from './CsvButton.tsx';

/** Every step: how many entered it, wait on it now, and left by each way out. */
export function StepsTable({ r, nameOf, save }: { r: FlowReport; nameOf: (id: string) => string; save: () => void }) {
  return (
    <section aria-labelledby="report-steps">
      <h2 id="report-steps">
        Steps <CsvButton onClick={save} what="the steps" />
      </h2>
      <table className="hg-table hg-report__numbers" data-testid="steps-table">
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Entered</th>
            <th scope="col">Waiting now</th>
            <th scope="col">Left by</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(r.nodes).map(([id, s]) => (
            <tr key={id} data-testid={`step-row-${id}`}>
              <th scope="row">{nameOf(id)}</th>
              <td>{count(s.entered)}</td>
              <td>{count(s.waiting)}</td>
              <td>
                {Object.entries(s.ports)
                  .map(([p, c]) => `${p}: ${count(c)}`)
                  .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
