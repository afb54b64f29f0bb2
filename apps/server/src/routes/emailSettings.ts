import { Hono } from 'hono';
import type { AppDeps } from '../appDeps.ts';
import { EmailSettings, readEmailSettings } from '../emailSettings.ts';
import { parseWith, readJson } from '../requestBody.ts';

/** The workspace's email settings: the sender, the footer's postal address, the layout's look. */
export function emailSettingsRoutes({ workspace, repos }: AppDeps) {
  const app = new Hono();
  app.get('/', (c) => c.json(readEmailSettings(repos.settings)));
  app.put('/', async (c) => {
    const settings = parseWith(EmailSettings, await readJson(c), 'The email settings');
    workspace.setEmailSettings(settings);
    return c.json(settings);
  });
  return app;
}
