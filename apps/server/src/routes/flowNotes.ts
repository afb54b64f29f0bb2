import { Hono } from 'hono';
import { FlowNotes } from '@hourglass/api';
import { notFound } from '../apiError.ts';
import type { AppDeps } from '../appDeps.ts';
import { parseWith, readJson } from '../requestBody.ts';

/** The notes on a flow's canvas, kept beside the flow document rather than in it (docs/api.md). */
export function flowNotesRoutes({ workspace, repos }: AppDeps) {
  const app = new Hono();
  const flowOf = async (id: string) => {
    if (!(await workspace.hasFlow(id))) throw notFound(`There is no flow "${id}".`);
    return id;
  };

  app.get('/:id/notes', async (c) => {
    // Checked again on the way out: the types come from the schema, not from a cast.
    const answer: FlowNotes = FlowNotes.parse({ notes: await repos.flowNotes.get(await flowOf(c.req.param('id'))) });
    return c.json(answer);
  });

  app.put('/:id/notes', async (c) => {
    const flowId = await flowOf(c.req.param('id'));
    const body = parseWith(FlowNotes, await readJson(c));
    await workspace.saveNotes(flowId, body.notes);
    return c.json(body);
  });

  return app;
}
