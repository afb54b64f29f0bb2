import { useState } from 'react';
import type { MigrationAnswer, MigrationBody } from '@hourglass/api';
import { errorMessage } from '../../api/apiClient.ts';
import { useFlowVersion } from '../../api/useFlowVersion.ts';
import { useMigrate } from '../../api/useMigrate.ts';
import { useMigrationPreview } from '../../api/useMigrationPreview.ts';
import { MoveSample } from './MoveSample.tsx';
import { stepName, stepsOf } from '../../summaries/stepName.ts';

const NOWHERE = '';

interface MovePlannerProps {
  flowId: string;
  /** The version to move them to (the latest). */
  to: number;
  /** Older versions with contacts, newest first. */
  sources: { version: number; contacts: number }[];
  onClose: () => void;
}

/** The mapping of each step with contacts to a step of the new version, what it would change for a few of them, and the move. */
export function MovePlanner({ flowId, to, sources, onClose }: MovePlannerProps) {
  const [from, setFrom] = useState(sources[0]!.version);
  const [map, setMap] = useState<Record<string, string | null>>({});
  const [unmapped, setUnmapped] = useState<'stay' | 'exit'>('stay');
  const [done, setDone] = useState<MigrationAnswer | null>(null);
  const body: MigrationBody = { from, to, map, unmapped };
  const preview = useMigrationPreview(flowId, done ? null : body);
  const oldFlow = useFlowVersion(flowId, from).data?.flow;
  const newFlow = useFlowVersion(flowId, to).data?.flow;
  const migrate = useMigrate(flowId);
  const p = preview.data;
  const errors = p?.problems.filter((x) => x.severity === 'error') ?? [];
  const moving = p ? p.moves.reduce((n, m) => n + (m.to !== null || unmapped === 'exit' ? m.contacts : 0), 0) : 0;

  if (done) {
    const left = done.stayed ? `; ${done.stayed.toLocaleString()} stayed on version ${from}` : '';
    const out = done.exited ? `; ${done.exited.toLocaleString()} left the flow` : '';
    return (
      <div className="hg-move__done" role="status" data-testid="move-done">
        <p>
          Moved {done.moved.toLocaleString()} {done.moved === 1 ? 'contact' : 'contacts'} to version {to}
          {left}
          {out}.
        </p>
        {done.status === 'failed' && <p className="hg-error-text">The move stopped part way: the History lists what was moved.</p>}
        <button type="button" className="hg-button" onClick={onClose}>
          Close
        </button>
      </div>
    );
  }
  return (
    <div className="hg-move__planner">
      <h3>Move contacts to version {to}</h3>
      {sources.length > 1 && (
        <label>
          From{' '}
          <select
            className="hg-input"
            value={from}
            onChange={(e) => {
              setFrom(Number(e.target.value));
              setMap({});
            }}
          >
            {sources.map((s) => (
              <option key={s.version} value={s.version}>
                version {s.version} ({s.contacts.toLocaleString()} {s.contacts === 1 ? 'contact' : 'contacts'})
              </option>
            ))}
          </select>
        </label>
      )}
      {!p ? (
        preview.isError ? (
          <p className="hg-error-text">{errorMessage(preview.error)}</p>
        ) : (
          <p>Looking at the contacts…</p>
        )
      ) : (
        <>
          <table className="hg-table hg-table--compact hg-move__map" data-testid="move-map">
            <thead>
              <tr>
                <th>Contacts waiting on</th>
                <th>Contacts</th>
                <th>Go to, in version {to}</th>
              </tr>
            </thead>
            <tbody>
              {p.moves.map((m) => (
                <tr key={m.from} className={m.to === null ? 'hg-move__unmapped' : undefined} data-testid={`move-row-${m.from}`}>
                  <td>{stepName(oldFlow, m.from)}</td>
                  <td>{m.contacts.toLocaleString()}</td>
                  <td>
                    <select
                      className="hg-input"
                      aria-label={`Where the contacts on ${stepName(oldFlow, m.from)} go`}
                      value={m.to ?? NOWHERE}
                      onChange={(e) => setMap({ ...map, [m.from]: e.target.value === NOWHERE ? null : e.target.value })}
                    >
                      <option value={NOWHERE}>No step: {unmapped === 'stay' ? `stay on version ${from}` : 'leave the flow'}</option>
                      {stepsOf(newFlow).map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.moves.some((m) => m.to === null) && (
            <fieldset className="hg-move__unmapped-choice">
              <legend>Contacts on a step with nowhere to go</legend>
              <label>
                <input type="radio" name="unmapped" checked={unmapped === 'stay'} onChange={() => setUnmapped('stay')} /> stay on version {from}
              </label>
              <label>
                <input type="radio" name="unmapped" checked={unmapped === 'exit'} onChange={() => setUnmapped('exit')} /> leave the flow
              </label>
            </fieldset>
          )}
          {p.problems.length > 0 && (
            <ul className="hg-move__problems">
              {p.problems.map((x) => (
                <li key={`${x.code}-${x.node ?? ''}`} className={x.severity === 'error' ? 'hg-error-text' : 'hg-move__warning'}>
                  {x.message}
                </li>
              ))}
            </ul>
          )}
          <MoveSample sample={p.sample} oldFlow={oldFlow} newFlow={newFlow} />
          {migrate.isError && (
            <p className="hg-error-text" role="alert">
              {errorMessage(migrate.error)}
            </p>
          )}
          <div className="hg-dialog__actions">
            <button type="button" className="hg-button" onClick={onClose}>
              Not now
            </button>
            <button
              type="button"
              className="hg-button hg-button--primary"
              data-testid="move-apply"
              disabled={migrate.isPending || errors.length > 0 || moving === 0 || preview.isPlaceholderData}
              onClick={() => migrate.mutate(body, { onSuccess: setDone })}
            >
              {migrate.isPending ? 'Moving…' : `Move ${moving.toLocaleString()} ${moving === 1 ? 'contact' : 'contacts'}`}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
