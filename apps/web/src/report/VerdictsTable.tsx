import type { Verdicts } from '@hourglass/api';
import { count, share } from './reportNumbers.ts';

export interface VerdictRow {
  key: string;
  label: string;
  verdicts: Verdicts;
}

/**
 * Handoffs and sales' verdicts per row (a routing rule, a score band): handed off, accepted,
 * rejected, waiting for a verdict, and the share accepted of those judged, drawn as a bar too.
 */
export function VerdictsTable({ rows, by, testId }: { rows: readonly VerdictRow[]; by: string; testId: string }) {
  return (
    <table className="hg-table hg-report__numbers hg-verdicts" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{by}</th>
          <th scope="col">Handed off</th>
          <th scope="col">Accepted</th>
          <th scope="col">Rejected</th>
          <th scope="col">Waiting for sales</th>
          <th scope="col">Accepted of judged</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, label, verdicts: v }) => {
          const judged = v.accepted + v.rejected;
          return (
            <tr key={key} data-testid={`${testId}-${key}`}>
              <th scope="row">{label}</th>
              <td>{count(v.handedOff)}</td>
              <td>{count(v.accepted)}</td>
              <td>{count(v.rejected)}</td>
              <td>{count(v.open)}</td>
              <td className="hg-verdicts__rate">
                <span className="hg-verdicts__bar" aria-hidden="true">
                  <span className="hg-verdicts__accepted" style={{ width: `${judged ? (v.accepted / judged) * 100 : 0}%` }} />
                  <span className="hg-verdicts__rejected" style={{ width: `${judged ? (v.rejected / judged) * 100 : 0}%` }} />
                </span>
                {share(v.accepted, judged)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
