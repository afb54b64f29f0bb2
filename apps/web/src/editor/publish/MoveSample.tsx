import type { MigrationSample, SampleRun } from '@hourglass/api';
import { readableInstant } from '@hourglass/engine';
import { stepName } from '../../summaries/stepName.ts';

/** The flow's time zone, as the sentences of the sample say their times. */
const zoneOf = (flow: unknown) => (flow as { settings?: { timezone?: string } } | undefined)?.settings?.timezone ?? 'UTC';

/** What happens to one sampled contact from now on, in one version: its emails, then where it ends. */
function Run({ run, flow, title, zone }: { run: SampleRun; flow: unknown; title: string; zone: string }) {
  const formatInstant = (at: string | null) => (at ? readableInstant(Date.parse(at), zone) : '—');
  const emails = run.emails.filter((m) => !m.suppressed);
  const end =
    run.status === 'goal'
      ? `Reaches the goal and leaves the flow (${formatInstant(run.endedAt)})`
      : run.status === 'completed'
        ? `Leaves the flow (${formatInstant(run.endedAt)})`
        : `Still waiting on ${stepName(flow, run.position ?? '')}`;
  return (
    <div className="hg-move__run">
      <h5>{title}</h5>
      {emails.length === 0 ? (
        <p className="hg-hint">No more emails.</p>
      ) : (
        <ul>
          {emails.map((m) => (
            <li key={`${m.node}-${m.at}`}>
              “{m.subject}” <span className="hg-hint">{formatInstant(m.at)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="hg-hint">{end}</p>
    </div>
  );
}

/** A few of the contacts that would move, each simulated forward from its real history: staying and moved. */
export function MoveSample({ sample, oldFlow, newFlow }: { sample: MigrationSample[]; oldFlow: unknown; newFlow: unknown }) {
  if (sample.length === 0) return null;
  const zone = zoneOf(newFlow);
  return (
    <div className="hg-move__sample" data-testid="move-sample">
      <h4>What changes for {sample.length === 1 ? 'this contact' : `these ${sample.length} contacts`} (simulated, nothing is sent)</h4>
      <p className="hg-hint">Times in the flow’s time zone ({zone}).</p>
      <ul>
        {sample.map((s) => (
          <li key={s.contactId}>
            <details>
              <summary>{s.summary}</summary>
              <div className="hg-move__runs">
                <Run run={s.before} flow={oldFlow} title="Staying where they are" zone={zone} />
                <Run run={s.after} flow={newFlow} title="Moved" zone={zone} />
              </div>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}
