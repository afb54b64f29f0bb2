import { formatLocal, type Simulation, type TimelineEntry } from '@hourglass/engine';
import { formatScalar } from '../inspector/fields/scalarText.ts';
import { Named } from '../components/StepName.tsx';
import { ScoreChart } from './ScoreChart.tsx';

interface SimulationResultProps {
  sim: Simulation;
  timeline: TimelineEntry[];
  thresholds: number[];
  timezone: string;
  current: number | null;
  onSelect: (index: number | null) => void;
  /** The label of each step that has one, by node id: steps are named by their labels, ids on hover. */
  labels: Readonly<Record<string, string>>;
}

function describe(e: TimelineEntry, labels: Readonly<Record<string, string>>): string {
  switch (e.kind) {
    case 'step':
      return `${labels[e.node] ?? e.node} (${e.type})${e.port ? ` → ${e.port}` : ''}`;
    case 'email':
      return `${e.notification ? 'Notification' : 'Email'} to ${e.to ?? 'nobody'}: ${e.subject}${e.suppressed ? ` (suppressed: ${e.suppressed})` : ''}${e.error ? ` ${e.error}` : ''}`;
    case 'handoff':
      return `Handed off to ${e.owner ?? 'no owner'}`;
  }
}

/** The outcome of a simulation: status, timeline (steppable), score chart and the contact at the end. */
export function SimulationResult({ sim, timeline, thresholds, timezone, current, onSelect, labels }: SimulationResultProps) {
  const { trace } = sim;
  const step = (d: number) => onSelect(Math.min(timeline.length - 1, Math.max(0, (current ?? (d > 0 ? -1 : timeline.length)) + d)));
  return (
    <section className="hg-sim-result" aria-label="Simulation result" data-testid="simulation-result">
      <p data-testid="simulate-status">
        <strong>Status:</strong> {trace.status}
        {trace.enrolments.at(-1)?.position ? (
          <>
            {' '}
            — waits on <Named name={labels[trace.enrolments.at(-1)!.position!]} id={trace.enrolments.at(-1)!.position!} />
          </>
        ) : null}
      </p>
      <div className="hg-sim-result__stepper" role="group" aria-label="Step through the timeline">
        <button type="button" className="hg-button" data-testid="simulate-prev" onClick={() => step(-1)} disabled={current === 0 || timeline.length === 0}>
          ◀ Back
        </button>
        <span className="hg-hint" data-testid="simulate-position">
          {current === null ? 'Not stepping' : `${current + 1} of ${timeline.length}`}
        </span>
        <button
          type="button"
          className="hg-button"
          data-testid="simulate-next"
          onClick={() => step(1)}
          disabled={current === timeline.length - 1 || timeline.length === 0}
        >
          Forward ▶
        </button>
      </div>
      <ol className="hg-sim-timeline" data-testid="simulate-timeline">
        {timeline.map((e, i) => (
          <li
            key={i}
            className={`hg-sim-timeline__entry hg-sim-timeline__entry--${e.kind}${i === current ? ' is-current' : ''}`}
            data-testid="timeline-entry"
            data-kind={e.kind === 'email' && e.notification ? 'notification' : e.kind}
            data-node={e.node}
            data-at={new Date(e.at).toISOString()}
          >
            <button
              type="button"
              className="hg-link-button"
              onClick={() => onSelect(i === current ? null : i)}
              aria-current={i === current ? 'step' : undefined}
            >
              <span className="hg-sim-timeline__at">{formatLocal(e.at, timezone)}</span>
              <span title={e.node}>{describe(e, labels)}</span>
            </button>
            {e.kind === 'email' && (
              <pre className="hg-sim-timeline__body" data-testid="timeline-email-body">
                {e.body}
              </pre>
            )}
          </li>
        ))}
      </ol>
      <h3>Score</h3>
      <ScoreChart scores={sim.scores} thresholds={thresholds} start={sim.start} end={sim.end} timezone={timezone} />
      <h3>The contact at the end</h3>
      <dl className="hg-sim-contact" data-testid="simulate-contact">
        <dt>Score</dt>
        <dd data-testid="simulate-contact-score">{trace.contact.score}</dd>
        <dt>Stage</dt>
        <dd>{trace.contact.stage}</dd>
        <dt>Owner</dt>
        <dd>{trace.contact.owner ?? 'none'}</dd>
        {Object.entries(trace.contact.properties).map(([k, v]) => (
          <div key={k} className="hg-sim-contact__property">
            <dt>{k}</dt>
            <dd>{formatScalar(v)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
