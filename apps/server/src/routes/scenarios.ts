import { Hono } from 'hono';
import { badRequest, notFound } from '../apiError.ts';
import { SavedScenario, ScenarioBody, ScenarioName, type ScenarioList } from '@hourglass/api';
import type { AppDeps } from '../appDeps.ts';
import type { ApiWorkspace } from '../storeApi.ts';
import { parseWith, readJson } from '../requestBody.ts';

async function flowOf(workspace: ApiWorkspace, id: string) {
  if (!(await workspace.hasFlow(id))) throw notFound(`There is no flow "${id}".`);
  return id;
}

function nameOf(name: string) {
  if (!ScenarioName.safeParse(name).success) throw badRequest('A scenario name has 1 to 200 characters.');
  return name;
}

/** The test scenarios saved with a flow, with the trace each is expected to give (docs/api.md). */
export function scenariosRoutes({ workspace, repos }: AppDeps) {
  const app = new Hono();

  app.get('/:id/scenarios', async (c) => {
    const flowId = await flowOf(workspace, c.req.param('id'));
    const answer: ScenarioList = {
      // Checked again on the way out: the types come from the schema, not from a cast.
      scenarios: (await repos.scenarios.list(flowId)).map((r) => SavedScenario.parse(r)),
    };
    return c.json(answer);
  });

  app.put('/:id/scenarios/:name', async (c) => {
    const flowId = await flowOf(workspace, c.req.param('id'));
    const name = nameOf(c.req.param('name'));
    const body = parseWith(ScenarioBody, await readJson(c));
    await workspace.saveScenario(flowId, name, body.scenario, body.expected);
    const saved: SavedScenario = { name, ...body };
    return c.json(saved);
  });

  app.delete('/:id/scenarios/:name', async (c) => {
    const flowId = await flowOf(workspace, c.req.param('id'));
    const name = c.req.param('name');
    if (!(await workspace.deleteScenario(flowId, name))) throw notFound(`The flow "${flowId}" has no scenario "${name}".`);
    return c.body(null, 204);
  });

  return app;
}
