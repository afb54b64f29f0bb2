import { Hono } from 'hono';
import { ResumeBody, type PauseState, type ResumeAnswer } from '@hourglass/api';
import { notFound } from '../apiError.ts';
import { iso } from '../apiViews.ts';
import type { AppDeps } from '../appDeps.ts';
import { parseWith, readOptionalJson } from '../requestBody.ts';

/** Pausing and resuming a flow (docs/semantics.md, "Pausing a flow"): a paused flow enrols nobody and fires no timers. */
export function pauseRoutes({ runtime, workspace, repos }: AppDeps) {
  const app = new Hono();
  const requireFlow = async (id: string) => {
    if (!(await workspace.hasFlow(id))) throw notFound(`There is no flow "${id}".`);
  };
  const state = async (id: string): Promise<PauseState> => {
    const since = (await repos.store.heldFlows()).get(id);
    return { paused: since !== undefined, pausedAt: since === undefined ? null : iso(since) };
  };

  app.get('/:id/pause', async (c) => {
    await requireFlow(c.req.param('id'));
    return c.json(await state(c.req.param('id')));
  });

  app.post('/:id/pause', async (c) => {
    const id = c.req.param('id');
    await requireFlow(id);
    await runtime.pause(id);
    return c.json(await state(id));
  });

  app.post('/:id/resume', async (c) => {
    const id = c.req.param('id');
    await requireFlow(id);
    const { skipPastEmails } = parseWith(ResumeBody, (await readOptionalJson(c)) ?? {});
    const outcome = (await runtime.resume(id, skipPastEmails)) ?? { fired: 0, skippedEmails: 0 };
    const answer: ResumeAnswer = { ...(await state(id)), ...outcome };
    return c.json(answer);
  });

  return app;
}
