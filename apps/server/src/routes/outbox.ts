import { Hono } from 'hono';
import { OutboxQuery } from '@hourglass/api';
import { outboxView } from '../apiViews.ts';
import type { AppDeps } from '../appDeps.ts';
import { parseQuery } from '../requestBody.ts';

/** The outbox, which is also the local mailbox: emails sent, suppressed, failed or pending. */
export function outboxRoutes({ repos }: AppDeps) {
  const app = new Hono();
  app.get('/', async (c) => c.json({ emails: (await repos.outbox.list(parseQuery(c, OutboxQuery))).map(outboxView) }));
  return app;
}
