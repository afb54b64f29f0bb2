import { Hono } from 'hono';
import { conflict, notFound } from '../apiError.ts';
import { FeedbackBody, HandoffsQuery } from '@hourglass/api';
import { handoffView } from '../apiViews.ts';
import type { AppDeps } from '../appDeps.ts';
import { parseQuery, parseWith, readJson } from '../requestBody.ts';

/** The sales inbox: handoffs, and the verdict of sales that flows receive as `sales_feedback`. */
export function handoffsRoutes({ runtime, repos }: AppDeps) {
  const app = new Hono();

  app.get('/', async (c) => {
    const filter = parseQuery(c, HandoffsQuery);
    return c.json({ handoffs: (await repos.handoffs.list(filter)).map(handoffView) });
  });

  app.post('/:id/feedback', async (c) => {
    const id = c.req.param('id');
    const { verdict, note } = parseWith(FeedbackBody, await readJson(c));
    const outcome = await runtime.feedback(id, verdict, note);
    if (outcome === undefined) throw notFound(`There is no handoff "${id}".`);
    if (outcome === false) throw conflict('Sales has already given its verdict on this handoff.');
    return c.json(handoffView(outcome));
  });

  return app;
}
