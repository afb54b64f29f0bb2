import { Hono } from 'hono';
import { EventBatch, EventInput, FailedEventQuery, type EventsAccepted, type FailedEvent } from '@hourglass/api';
import type { AppDeps } from '../appDeps.ts';
import { parseQuery, parseWith, readJson } from '../requestBody.ts';

/**
 * Event ingestion: one event or `{"events": [...]}` (up to 1,000), stamped with the server's
 * clock on arrival. The batch commits at once; repeated ids are counted as duplicates.
 * Concurrent requests are group-committed (InputQueue). The answer comes once the events have
 * been processed, or with `Prefer: respond-async` (RFC 7240) as soon as they are durable in the
 * inbox, which is processed in arrival order right after. An accepted event that cannot be
 * processed is kept with its error and listed by `GET /api/events/failed`.
 */
export function eventsRoutes({ runtime, repos }: AppDeps) {
  const app = new Hono();

  app.post('/', async (c) => {
    const body = await readJson(c);
    const events =
      typeof body === 'object' && body !== null && 'events' in body ? parseWith(EventBatch, body).events : [parseWith(EventInput, body, 'The event')];
    const async = /(^|,)\s*respond-async\s*(,|;|$)/i.test(c.req.header('prefer') ?? '');
    const answer: EventsAccepted = await runtime.submit(events, async ? 'accepted' : 'processed');
    if (async) c.header('Preference-Applied', 'respond-async');
    return c.json(answer, 202);
  });

  // Accepted events whose processing threw: kept with the error instead of dropped.
  app.get('/failed', async (c) => {
    const { limit = 100 } = parseQuery(c, FailedEventQuery);
    const failed = (await repos.failedEvents.list(limit)).map((f): FailedEvent => ({
      ...f,
      at: new Date(f.at).toISOString(),
      failedAt: new Date(f.failedAt).toISOString(),
    }));
    return c.json({ failed, total: await repos.failedEvents.count() });
  });

  return app;
}
