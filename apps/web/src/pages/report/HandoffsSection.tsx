import { scoreBandLabel, type FlowReport } from '@hourglass/api';
import type { HandoffConfig } from '@hourglass/documents';
import { routeLabel } from '../../report/routeLabel.ts';
import { VerdictsTable } from '../../report/VerdictsTable.tsx';
import { CsvButton } from './CsvButton.tsx';

/** Every handoff step: sales' verdicts per routing rule and per score band (bands of 10 points). */
export function HandoffsSection({
  r,
  nameOf,
  configOf,
  save,
}: {
  r: FlowReport;
  nameOf: (id: string) => string;
  configOf: (id: string) => HandoffConfig | undefined;
  save: () => void;
}) {
  const handoffs = Object.entries(r.handoffs);
  if (handoffs.length === 0) return null;
  return (
    <section aria-labelledby="report-handoffs">
      <h2 id="report-handoffs">
        Handoffs to sales <CsvButton onClick={save} what="the handoffs" />
      </h2>
      <p className="hg-hint">What sales said of the contacts handed over: by how the owner was chosen, and by the contact&apos;s score at the handoff.</p>
      {handoffs.map(([id, h]) => (
        <div key={id} className="hg-report__split" data-testid={`handoff-${id}`}>
          <h3>
            {nameOf(id)}: {h.total.handedOff.toLocaleString('en')} handed off
          </h3>
          {h.total.handedOff === 0 ? (
            <p className="hg-hint">No contact was handed off here yet.</p>
          ) : (
            <div className="hg-report__pair">
              <VerdictsTable
                by="Routing rule"
                testId={`handoff-routes-${id}`}
                rows={h.routes.map((v) => ({ key: v.route, label: routeLabel(v.route, configOf(id)), verdicts: v }))}
              />
              <VerdictsTable
                by="Score"
                testId={`handoff-bands-${id}`}
                rows={h.bands.map((v) => ({ key: String(v.min), label: scoreBandLabel(v.min), verdicts: v }))}
              />
            </div>
          )}
        </div>
      ))}
    </section>
  );
}
