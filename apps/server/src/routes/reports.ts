import { Hono } from 'hono';
import { FlowReportQuery } from '@hourglass/api';
import { badRequest, notFound } from '../apiError.ts';
import type { AppDeps } from '../appDeps.ts';
import { flowReport, reportedFlow } from '../flowReport.ts';
import { parseQuery } from '../requestBody.ts';

/** The report of a flow (campaign spec §5), from counters kept with every write (on either store). */
export function reportsRoutes({ workspace, repos }: AppDeps) {
  const app = new Hono();

  app.get('/:id/report', async (c) => {
    const id = c.req.param('id');
    if (!(await workspace.hasFlow(id))) throw notFound(`There is no flow "${id}".`);
    const { from, to, version } = parseQuery(c, FlowReportQuery);
    const fromMs = from ? Date.parse(`${from}T00:00:00Z`) : -Infinity;
    const toMs = to ? Date.parse(`${to}T00:00:00Z`) : Infinity;
    if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw badRequest('from and to are dates as YYYY-MM-DD.');
    // The nodes named are those of the version asked, else of the latest version (else the draft).
    const v = version ?? (await repos.flows.latestVersion(id));
    const doc = v !== null ? (await repos.flows.version(id, v))?.flow : (await repos.flows.get(id))?.draft;
    if (version !== undefined && doc === undefined) throw notFound(`Flow "${id}" has no version ${version}.`);
    const at = version ?? null;
    const { counts, perDay } = await repos.reports.report(id, at, fromMs, toMs);
    const answer = flowReport(id, reportedFlow(doc), counts, perDay, { from: from ?? null, to: to ?? null, version: at });
    return c.json(answer);
  });

  return app;
}
