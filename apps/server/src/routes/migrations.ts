import { Hono } from 'hono';
import { MigrationBody, type Migration, type MigrationList } from '@hourglass/api';
import { notFound } from '../apiError.ts';
import { iso } from '../apiViews.ts';
import type { AppDeps } from '../appDeps.ts';
import type { MigrationRow } from '../migrationRepository.ts';
import { parseWith, readJson } from '../requestBody.ts';

const migrationView = (m: MigrationRow): Migration => ({
  id: m.id,
  flowId: m.flowId,
  from: m.from,
  to: m.to,
  map: { ...m.map },
  unmapped: m.unmapped,
  status: m.status,
  moved: m.moved,
  goal: m.goal,
  stayed: m.stayed,
  exited: m.exited,
  ...(m.error !== null ? { error: m.error } : {}),
  startedAt: iso(m.startedAt),
  finishedAt: m.finishedAt === null ? null : iso(m.finishedAt),
});

/** Migrations of a flow's contacts from one version to another: preview, apply, list (docs/api.md). */
export function migrationsRoutes({ runtime, workspace, repos }: AppDeps) {
  const app = new Hono();
  const requireFlow = async (id: string) => {
    if (!(await workspace.hasFlow(id))) throw notFound(`There is no flow "${id}".`);
  };

  app.post('/:id/migrations/preview', async (c) => {
    const id = c.req.param('id');
    await requireFlow(id);
    const body = parseWith(MigrationBody, await readJson(c));
    return c.json(await runtime.migrations.preview(id, body));
  });

  app.post('/:id/migrations', async (c) => {
    const id = c.req.param('id');
    await requireFlow(id);
    const body = parseWith(MigrationBody, await readJson(c));
    return c.json(await runtime.migrations.start(id, body), 201);
  });

  app.get('/:id/migrations', async (c) => {
    const id = c.req.param('id');
    await requireFlow(id);
    const answer: MigrationList = { migrations: (await repos.migrations.ofFlow(id)).map(migrationView) };
    return c.json(answer);
  });

  return app;
}
