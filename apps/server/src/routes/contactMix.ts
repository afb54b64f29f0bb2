import { Hono } from 'hono';
import type { ContactMix } from '@hourglass/api';
import type { SqliteAppDeps } from '../appDeps.ts';

/** How the workspace's contacts spread over stages and property values, for a forecast's cohort. */
export function contactMixRoutes({ repos }: SqliteAppDeps) {
  const app = new Hono();
  app.get('/', (c) => {
    const answer: ContactMix = repos.contactMix.mix();
    return c.json(answer);
  });
  return app;
}
