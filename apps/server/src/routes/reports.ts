import { Hono } from 'hono';
import { FlowReportQuery } from '@hourglass/api';
import { badRequest, notFound } from '../apiError.ts';
import type { SqliteAppDeps } from '../appDeps.ts';
import { flowReport, reportedFlow } from '../flowReport.ts';
import { ReportRepository } from '../reportRepository.ts';
import { parseQuery } from '../requestBody.ts';

/** The report of a flow (campaign spec §5), from counters kept with every write. */
export function reportsRoutes({ workspace, repos }: SqliteAppDeps) {
  const app = new Hono();
  const reports = new ReportRepository(repos.db);

  app.get('/:id/report', (c) => {
    const id = c.req.param('id');
    if (!workspace.hasFlow(id)) throw notFound(`There is no flow "${id}".`);
    const { from, to, version } = parseQuery(c, FlowReportQuery);
    const fromMs = from ? Date.parse(`${from}T00:00:00Z`) : -Infinity;
    const toMs = to ? Date.parse(`${to}T00:00:00Z`) : Infinity;
    if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw badRequest('from and to are dates as YYYY-MM-DD.');
    // The nodes named are those of the version asked, else of the latest version (else the draft).
    const v = version ?? repos.flows.latestVersion(id);
    const doc = v !== null ? repos.flows.version(id, v)?.flow : repos.flows.get(id)?.draft;
    if (version !== undefined && doc === undefined) throw notFound(`Flow "${id}" has no version ${version}.`);
    const at = version ?? null;
    const answer = flowReport(id, reportedFlow(doc), reports.counts(id, at, fromMs, toMs), reports.perDay(id, at, fromMs, toMs), {
      from: from ?? null,
      to: to ?? null,
      version: at,
    });
    return c.json(answer);
  });

  return app;
}
