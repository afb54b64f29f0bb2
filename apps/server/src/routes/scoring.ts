import { Hono } from 'hono';
import { readScoring } from '@hourglass/documents';
import { invalidDocument, notOnThisStore } from '../apiError.ts';
import type { AppDeps } from '../appDeps.ts';
import { scoringFeedback } from '../handoffVerdicts.ts';
import { ReportRepository } from '../reportRepository.ts';
import { readJson } from '../requestBody.ts';

/** The workspace's scoring model. Scores are computed, so a new model applies at once. */
export function scoringRoutes({ workspace, sqlite }: AppDeps) {
  const app = new Hono();
  const reports = sqlite && new ReportRepository(sqlite.repos.db);

  app.get('/', async (c) => c.json(await workspace.scoring()));

  // Sales' verdicts on the handoffs of every flow by score band: is the threshold right?
  app.get('/feedback', (c) => {
    if (!reports) throw notOnThisStore('Scoring feedback');
    return c.json(scoringFeedback(reports.bands()));
  });

  app.put('/', async (c) => {
    const r = readScoring(await readJson(c));
    if (!r.ok) throw invalidDocument(`This scoring model is not valid: ${r.problems[0]?.message ?? 'see the problems.'}`, r.problems);
    await workspace.setScoring(r.value);
    return c.json(r.value);
  });

  return app;
}
