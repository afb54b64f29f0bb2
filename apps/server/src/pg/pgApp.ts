import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Pool } from 'pg';
import { EventBatch, EventInput, type EventsAccepted, type Health } from '@hourglass/api';
import { ApiError } from '../apiError.ts';
import { bearerToken } from '../auth.ts';
import { parseWith, readJson } from '../requestBody.ts';
import { tokenMatches } from '../token.ts';
import type { PgOutbox } from './pgOutbox.ts';
import type { PgWorker } from './pgWorker.ts';

export interface PgAppDeps {
  pool: Pool;
  worker: PgWorker;
  outbox: PgOutbox;
  tokenHash: Buffer;
  now: () => number;
}

/** A worker counts as alive while its heartbeat (every second) is younger than this. */
const ALIVE_MS = 5000;

/**
 * The HTTP API of a PostgreSQL worker, so far: health and event intake (docs/scale-out.md says
 * what is not served on PostgreSQL yet). Events are answered once durable in the shared inbox
 * (202, as `Prefer: respond-async` on SQLite); whichever worker holds the contact applies them.
 */
export function createPgApp(deps: PgAppDeps): Hono {
  const app = new Hono();
  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json({ error: err.message, ...(err.problems ? { problems: err.problems } : {}) }, err.status);
    if (err instanceof HTTPException) return c.json({ error: err.message || 'The request was refused.' }, err.status);
    console.error(`${c.req.method} ${new URL(c.req.url).pathname} failed: ${(err as Error).message}`);
    return c.json({ error: 'Something went wrong on the server; it has been logged. Please try again.' }, 500);
  });

  app.get('/api/health', async (c) => {
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
    const health: Health = {
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
    return c.json(health);
  });

  app.use('/api/*', async (c, next) => {
    if (!tokenMatches(bearerToken(c.req.header('authorization')), deps.tokenHash))
      throw new ApiError(401, 'Send the API token: Authorization: Bearer <HOURGLASS_TOKEN>.');
    await next();
  });

  app.post('/api/events', async (c) => {
    const body = await readJson(c);
    const events =
      typeof body === 'object' && body !== null && 'events' in body ? parseWith(EventBatch, body).events : [parseWith(EventInput, body, 'The event')];
    const answer: EventsAccepted = await deps.worker.accept(events);
    c.header('Preference-Applied', 'respond-async');
    return c.json(answer, 202);
  });

  app.all('/api/*', (c) => {
    throw new ApiError(404, `${c.req.method} ${new URL(c.req.url).pathname} is not served on PostgreSQL yet (docs/scale-out.md).`);
  });
  return app;
}
