import { Hono } from 'hono';
import type { PublicSettings } from '@hourglass/api';
import type { AppDeps } from '../appDeps.ts';
import { requestOrigin } from '../requestOrigin.ts';

/** Where public links point, for the app's hosted-form link and embed snippet. */
export function publicSettingsRoutes(deps: AppDeps) {
  const app = new Hono();
  app.get('/', (c) => {
    const answer: PublicSettings = { publicUrl: deps.publicUrl?.() ?? requestOrigin(c, deps.trustProxy ?? false) };
    return c.json(answer);
  });
  return app;
}
