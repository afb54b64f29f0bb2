import { errorMessage } from '../api/apiClient.ts';
import { useMigrations } from '../api/useMigrations.ts';
import { formatInstant } from '../components/formatInstant.ts';

const STATUS = { running: 'moving…', done: 'done', failed: 'stopped' } as const;

/** The moves of contacts between versions of a flow, newest first (in the History dialog). */
export function MigrationHistory({ flowId }: { flowId: string }) {
  const migrations = useMigrations(flowId);
  if (migrations.isError) return <p className="hg-error-text">{errorMessage(migrations.error)}</p>;
  const list = migrations.data ?? [];
  if (list.length === 0) return null;
  return (
    <section className="hg-history__migrations" data-testid="migration-history">
      <h3>Contacts moved between versions</h3>
      <table className="hg-table hg-table--compact">
        <thead>
          <tr>
            <th>When</th>
            <th>From</th>
            <th>To</th>
            <th>Moved</th>
            <th>Stayed</th>
            <th>Left the flow</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((m) => (
            <tr key={m.id}>
              <td>{formatInstant(m.startedAt)}</td>
              <td>v{m.from}</td>
              <td>v{m.to}</td>
              <td>
                {m.moved.toLocaleString()}
                {m.goal > 0 && <span className="hg-hint"> ({m.goal.toLocaleString()} reached the goal)</span>}
              </td>
              <td>{m.stayed.toLocaleString()}</td>
              <td>{m.exited.toLocaleString()}</td>
              <td className={m.status === 'failed' ? 'hg-error-text' : 'hg-hint'} title={m.error}>
                {STATUS[m.status]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
