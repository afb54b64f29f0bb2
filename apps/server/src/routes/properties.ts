import { Hono } from 'hono';
import type { KnownProperties } from '@hourglass/api';
import type { AppDeps } from '../appDeps.ts';
import { knownPropertyNames } from '../knownProperties.ts';

/** The contact property names the workspace knows, for the editor's check of email variables. */
export function propertiesRoutes({ workspace, repos }: AppDeps) {
  const app = new Hono();
  app.get('/', async (c) => {
    const answer: KnownProperties = { names: await knownPropertyNames(repos, await workspace.scoring()) };
    return c.json(answer);
  });
  return app;
}
