import type { Pool } from 'pg';
import type { Health } from '@hourglass/api';
import type { PgOutbox } from './pgOutbox.ts';
import type { PgWorker } from './pgWorker.ts';

/** A worker counts as alive while its heartbeat (every second) is younger than this. */
const ALIVE_MS = 5000;

/** GET /api/health on a PostgreSQL worker: the shared backlog, and the workers alive with what this one holds. */
export function pgHealth(deps: { pool: Pool; worker: PgWorker; outbox: PgOutbox; now: () => number }): () => Promise<Health> {
  return async () => {
    const now = deps.now();
    const { rows } = await deps.pool.query<{ inbox: number; overdue: number }>(
      'SELECT (SELECT count(*)::int FROM inbox) AS inbox, (SELECT count(*)::int FROM enrolments WHERE wake_at <= $1) AS overdue',
      [now],
    );
    const workers = await deps.pool.query<{ id: string; host: string; pid: number; heartbeat_at: number; applied: number }>(
      'SELECT id, host, pid, heartbeat_at, applied FROM workers WHERE heartbeat_at > $1 ORDER BY id',
      [now - ALIVE_MS],
    );
    const { inbox, overdue } = rows[0]!;
    return {
      ok: true,
      inbox,
      overdueTimers: overdue,
      catchingUp: inbox > 0 || overdue > 0,
      scaleOut: {
        worker: deps.worker.id,
        workers: workers.rows.map((w) => ({ id: w.id, host: w.host, pid: w.pid, lastSeenMs: now - w.heartbeat_at, applied: w.applied })),
        lockedContacts: deps.worker.held.length,
        applied: deps.worker.applied,
        outbox: await deps.outbox.backlog(),
      },
    };
  };
}
