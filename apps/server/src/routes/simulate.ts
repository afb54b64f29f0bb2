import { Hono } from 'hono';
import { formatTrace, readFlow, readScenario, readScoring, type Problem } from '@hourglass/documents';
import { ScenarioError, simulate } from '@hourglass/engine';
import { invalidDocument } from '../apiError.ts';
import { SimulateBody } from '../apiSchemas.ts';
import type { AppDeps } from '../appDeps.ts';
import { parseWith, readJson } from '../requestBody.ts';

const under = (prefix: string, problems: Problem[]) => problems.map((p) => ({ ...p, pointer: `/${prefix}${p.pointer}` }));

/**
 * The simulator over HTTP, the same engine as `hourglass simulate`. The scoring model defaults
 * to the workspace's, as the CLI's defaults to the `scoring.json` beside the flow.
 */
export function simulateRoutes({ runtime }: AppDeps) {
  const app = new Hono();

  app.post('/', async (c) => {
    const body = parseWith(SimulateBody, await readJson(c));
    const flow = readFlow(body.flow);
    const scenario = readScenario(body.scenario);
    const scoring = body.scoring === undefined ? { ok: true as const, value: runtime.scoring(), problems: [] } : readScoring(body.scoring);
    const problems = [
      ...(flow.ok ? [] : under('flow', flow.problems)),
      ...(scenario.ok ? [] : under('scenario', scenario.problems)),
      ...(scoring.ok ? [] : under('scoring', scoring.problems)),
    ];
    if (!flow.ok || !scenario.ok || !scoring.ok) throw invalidDocument('The simulation cannot run: fix the problems of its documents.', problems);
    try {
      const { trace } = simulate({ flow: flow.value, scenario: scenario.value, scoring: scoring.value });
      return c.body(formatTrace(trace), 200, { 'Content-Type': 'application/json; charset=utf-8' });
    } catch (e) {
      if (e instanceof ScenarioError) throw invalidDocument(e.message, []);
      throw e;
    }
  });

  return app;
}
