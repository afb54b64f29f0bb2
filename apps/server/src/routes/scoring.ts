import { Hono } from 'hono';
import { readScoring } from '@hourglass/documents';
import { invalidDocument } from '../apiError.ts';
import type { AppDeps } from '../appDeps.ts';
import { scoringFeedback } from '../handoffVerdicts.ts';
import { readJson } from '../requestBody.ts';

/** The workspace's scoring model. Scores are computed, so a new model applies at once. */
export function scoringRoutes({ workspace, repos }: AppDeps) {
  const app = new Hono();

  app.get('/', async (c) => c.json(await workspace.scoring()));

  // Sales' verdicts on the handoffs of every flow by score band: is the threshold right?
  app.get('/feedback', async (c) => c.json(scoringFeedback(await repos.reports.bands())));

  app.put('/', async (c) => {
    const r = readScoring(await readJson(c));
    if (!r.ok) throw invalidDocument(`This scoring model is not valid: ${r.problems[0]?.message ?? 'see the problems.'}`, r.problems);
    await workspace.setScoring(r.value);
    return c.json(r.value);
  });

  return app;
}
