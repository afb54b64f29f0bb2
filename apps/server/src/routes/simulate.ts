import { Hono } from 'hono';
import { readFlow, readScenario, readScoring, type Problem } from '@hourglass/documents';
import { ApiError, invalidDocument } from '../apiError.ts';
import { SimulateBody } from '@hourglass/api';
import type { AppDeps } from '../appDeps.ts';
import { parseWith, readJson } from '../requestBody.ts';
import { SimulationPool } from '../simulationPool.ts';

const under = (prefix: string, problems: Problem[]) => problems.map((p) => ({ ...p, pointer: `/${prefix}${p.pointer}` }));

/**
 * The simulator over HTTP, the same engine as `hourglass simulate`. The scoring model defaults
 * to the workspace's, as the CLI's defaults to the `scoring.json` beside the flow. Simulations
 * run in a worker thread, bounded in steps, horizon, time and answer size (docs/api.md).
 */
export function simulateRoutes({ workspace, simulation }: AppDeps) {
  const app = new Hono();
  const pool = new SimulationPool(simulation);

  app.post('/', async (c) => {
    const body = parseWith(SimulateBody, await readJson(c));
    const flow = readFlow(body.flow);
    const scenario = readScenario(body.scenario);
    const scoring = body.scoring === undefined ? { ok: true as const, value: await workspace.scoring(), problems: [] } : readScoring(body.scoring);
    const problems = [
      ...(flow.ok ? [] : under('flow', flow.problems)),
      ...(scenario.ok ? [] : under('scenario', scenario.problems)),
      ...(scoring.ok ? [] : under('scoring', scoring.problems)),
    ];
    if (!flow.ok || !scenario.ok || !scoring.ok) throw invalidDocument('The simulation cannot run: fix the problems of its documents.', problems);
    const outcome = await pool.run({ flow: flow.value, scenario: scenario.value, ...(scoring.value ? { scoring: scoring.value } : {}) });
    if (outcome.ok) return c.body(outcome.text, 200, { 'Content-Type': 'application/json; charset=utf-8' });
    switch (outcome.kind) {
      case 'limit':
      case 'scenario':
      case 'timeout':
        throw invalidDocument(outcome.message, []);
      case 'busy':
        throw new ApiError(503, outcome.message);
      case 'failed':
        throw new Error(outcome.message);
    }
  });

  return app;
}
