import { Hono } from 'hono';
import type { ContactMix } from '@hourglass/api';
import type { AppDeps } from '../appDeps.ts';

/** How the workspace's contacts spread over stages and property values, for a forecast's cohort. */
export function contactMixRoutes({ repos }: AppDeps) {
  const app = new Hono();
  app.get('/', async (c) => {
    const answer: ContactMix = await repos.contactMix.mix();
    return c.json(answer);
  });
  return app;
}
