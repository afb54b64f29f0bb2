import type { FlowReport } from '@hourglass/api';
import { count, share } from '../../report/reportNumbers.ts';
import { percent, splitVerdict } from '../../report/splitVerdict.ts';
import { CsvButton } from './CsvButton.tsx';

/** Every split: each branch's entries, goal (or completion) rate, chance to be best, and the verdict. */
export function SplitsSection({ r, nameOf, save }: { r: FlowReport; nameOf: (id: string) => string; save: () => void }) {
  if (Object.keys(r.splits).length === 0) return null;
  return (
    <section aria-labelledby="report-splits">
      <h2 id="report-splits">
        Splits <CsvButton onClick={save} what="the splits" />
      </h2>
      {Object.entries(r.splits).map(([id, s]) => (
        <div key={id} className="hg-report__split" data-testid={`split-${id}`}>
          <h3>
            {nameOf(id)}: <span data-testid={`split-verdict-${id}`}>{splitVerdict(s.branches, s.probabilityBest)}</span>
          </h3>
          <table className="hg-table hg-report__numbers">
            <thead>
              <tr>
                <th scope="col">Branch</th>
                <th scope="col">Entered</th>
                <th scope="col">{s.measure === 'goal' ? 'Reached the goal' : 'Finished'}</th>
                <th scope="col">Rate</th>
                <th scope="col">Chance to be best</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(s.branches).map(([k, b]) => (
                <tr key={k}>
                  <th scope="row">{k.toUpperCase()}</th>
                  <td>{count(b.entered)}</td>
                  <td>{count(b.goal)}</td>
                  <td>{share(b.goal, b.entered)}</td>
                  <td>{percent(s.probabilityBest[k] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
