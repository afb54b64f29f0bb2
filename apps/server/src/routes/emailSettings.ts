import { Hono } from 'hono';
import type { AppDeps } from '../appDeps.ts';
import { EmailSettings } from '../emailSettings.ts';
import { parseWith, readJson } from '../requestBody.ts';

/** The workspace's email settings: the sender, the footer's postal address, the layout's look. */
export function emailSettingsRoutes({ workspace }: AppDeps) {
  const app = new Hono();
  app.get('/', async (c) => c.json(await workspace.emailSettings()));
  app.put('/', async (c) => {
    const settings = parseWith(EmailSettings, await readJson(c), 'The email settings');
    await workspace.setEmailSettings(settings);
    return c.json(settings);
  });
  return app;
}
