import { Hono } from 'hono';
import { FLOW_FORMAT, flowLimitProblems, validateFlow, validateForPublishing } from '@hourglass/documents';
import { ApiError, badRequest, conflict, invalidDocument, notFound } from '../apiError.ts';
import { PublishBody, type FlowDraft, type FlowSummary, type FlowVersion, type PublishCheck, type PublishedVersion, type SavedFlow } from '@hourglass/api';
import { iso } from '../apiViews.ts';
import type { AppDeps } from '../appDeps.ts';
import type { ApiRepositories } from '../storeApi.ts';
import { differs } from '../workspace.ts';
import { parseWith, readJson, readOptionalJson } from '../requestBody.ts';

const FLOW_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A body that may be saved as a draft: a JSON object of the flow format within the hard limits.
 * Anything else is refused; other validation problems do not stop a draft from being saved.
 */
function draftBody(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw badRequest('A flow is a JSON object that starts with "format": "hourglass.flow/1".');
  if (body.format !== FLOW_FORMAT) {
    const v = validateFlow(body);
    throw invalidDocument(v.problems[0]?.message ?? `This is not a flow: "format" must be "${FLOW_FORMAT}".`, v.problems);
  }
  // Past the hard limits (docs/server.md) a draft is refused, not saved: nothing may be saved
  // that the flow list and the editor cannot show.
  const limits = flowLimitProblems(body);
  if (limits.length) throw invalidDocument(limits[0]!.message, limits);
  return body;
}

async function draftOf(repos: ApiRepositories, id: string) {
  const row = FLOW_ID.test(id) ? await repos.flows.get(id) : undefined;
  if (!row) throw notFound(`There is no flow "${id}".`);
  return row;
}

/** Flows: drafts, publishing, versions, export and deletion (docs/api.md). */
export function flowsRoutes({ workspace, repos }: AppDeps) {
  const app = new Hono();

  app.get('/', async (c) => {
    const enrolled = await repos.enrolments.activeCounts();
    const live = await workspace.liveFlows();
    const rows = await repos.flows.list();
    const published = await Promise.all(rows.map((row) => repos.flows.latestVersion(row.id)));
    const flows: FlowSummary[] = rows.map((row, i) => {
      const publishedVersion = published[i]!;
      const common = { id: row.id, updatedAt: iso(row.updatedAt), publishedVersion, enrolled: enrolled.get(row.id) ?? 0 };
      // One draft that cannot be summarised (old data from before a limit) must not hide the others.
      try {
        const draft = isObject(row.draft) ? row.draft : {};
        // Counted as publishing counts them: the list says whether the draft can be published.
        const { problems, flow } = validateForPublishing(row.draft);
        const liveFlow = live.get(row.id);
        return {
          ...common,
          draftDiffers: publishedVersion !== null && (!liveFlow || differs(liveFlow.flow, flow)),
          name: typeof draft.name === 'string' && draft.name ? draft.name : row.id,
          ...(typeof draft.description === 'string' ? { description: draft.description } : {}),
          draftProblems: {
            errors: problems.filter((p) => p.severity === 'error').length,
            warnings: problems.filter((p) => p.severity === 'warning').length,
          },
        };
      } catch (e) {
        console.error(`Flow "${row.id}": its draft could not be summarised: ${(e as Error).message}`);
        return {
          ...common,
          draftDiffers: publishedVersion !== null,
          name: row.id,
          draftProblems: { errors: 1, warnings: 0 },
          draftError: 'This draft could not be read; open it to see its problems, or delete it.',
        };
      }
    });
    return c.json({ flows });
  });

  // Import and "new flow": refuses an id that exists rather than overwriting it.
  app.post('/', async (c) => {
    const draft = draftBody(await readJson(c));
    if (typeof draft.id !== 'string' || !FLOW_ID.test(draft.id)) {
      const problems = validateFlow(draft).problems.filter((p) => p.pointer === '/id');
      throw invalidDocument(
        'The flow needs an id of lowercase letters, digits and -, such as "whitepaper-nurture".',
        problems.length ? problems : [{ severity: 'error', code: 'missing-field', pointer: '/id', message: '"id" is required here.' }],
      );
    }
    if (await workspace.hasFlow(draft.id)) throw conflict(`A flow with the id "${draft.id}" already exists.`);
    const saved = await workspace.saveDraft(draft.id, draft);
    const answer: SavedFlow = { flow: draft, problems: saved.problems, updatedAt: iso(saved.updatedAt) };
    return c.json(answer, 201);
  });

  app.get('/:id', async (c) => {
    const row = await draftOf(repos, c.req.param('id'));
    const answer: FlowDraft = {
      flow: row.draft as Record<string, unknown>,
      problems: await workspace.problemsOf(row.draft),
      updatedAt: iso(row.updatedAt),
      publishedVersion: await repos.flows.latestVersion(row.id),
    };
    return c.json(answer);
  });

  app.put('/:id', async (c) => {
    const id = c.req.param('id');
    if (!FLOW_ID.test(id)) throw badRequest(`"${id}" is not a flow id: use lowercase letters, digits and -, starting with a letter or digit.`);
    const draft = draftBody(await readJson(c));
    if (draft.id !== id) throw badRequest(`The flow's "id" (${JSON.stringify(draft.id)}) must be "${id}", the id in the address.`);
    const saved = await workspace.saveDraft(id, draft);
    const answer: SavedFlow = { flow: draft, problems: saved.problems, updatedAt: iso(saved.updatedAt) };
    return c.json(answer, saved.created ? 201 : 200);
  });

  app.delete('/:id', async (c) => {
    const id = c.req.param('id');
    await draftOf(repos, id);
    const removeEnrolments = c.req.query('removeEnrolments') === 'true';
    const outcome = await workspace.deleteFlow(id, removeEnrolments);
    if (!outcome.deleted) {
      throw conflict(
        `${outcome.enrolled} ${outcome.enrolled === 1 ? 'contact is' : 'contacts are'} still in this flow. Remove them from the flow to delete it.`,
        { enrolled: outcome.enrolled },
      );
    }
    return c.body(null, 204);
  });

  app.post('/:id/publish', async (c) => {
    const id = c.req.param('id');
    await draftOf(repos, id);
    const { note } = parseWith(PublishBody, await readOptionalJson(c));
    const outcome = await workspace.publish(id, note ?? null);
    if (!outcome) throw notFound(`There is no flow "${id}".`);
    if (!outcome.published && outcome.reason === 'unchanged') {
      throw conflict(`Nothing changed since version ${outcome.version}: this draft is the live version. Change the flow before publishing again.`, {
        reason: 'unchanged',
        version: outcome.version,
      });
    }
    if (!outcome.published) {
      const errors = outcome.problems.filter((p) => p.severity === 'error').length;
      throw new ApiError(
        422,
        `This flow has ${errors} ${errors === 1 ? 'error' : 'errors'}: fix ${errors === 1 ? 'it' : 'them'} before publishing.`,
        outcome.problems,
      );
    }
    const answer: PublishedVersion = { version: outcome.version, publishedAt: iso(outcome.publishedAt), note: outcome.note };
    return c.json(answer, 201);
  });

  app.get('/:id/publish-check', async (c) => {
    const row = await draftOf(repos, c.req.param('id'));
    const answer: PublishCheck = {
      liveVersion: await repos.flows.latestVersion(row.id),
      enrolled: await repos.enrolments.activeCount(row.id),
      overlaps: await workspace.triggerOverlaps(row.id),
    };
    return c.json(answer);
  });

  app.get('/:id/versions', async (c) => {
    const row = await draftOf(repos, c.req.param('id'));
    const versions: PublishedVersion[] = (await repos.flows.versions(row.id)).map((v) => ({
      version: v.version,
      publishedAt: iso(v.publishedAt),
      note: v.note,
    }));
    return c.json({ versions });
  });

  app.get('/:id/versions/:version', async (c) => {
    const row = await draftOf(repos, c.req.param('id'));
    const number = Number(c.req.param('version'));
    const v = Number.isInteger(number) ? await repos.flows.version(row.id, number) : undefined;
    if (!v) throw notFound(`Flow "${row.id}" has no published version ${c.req.param('version')}.`);
    const answer: FlowVersion = { version: v.version, publishedAt: iso(v.publishedAt), note: v.note, flow: v.flow as Record<string, unknown> };
    return c.json(answer);
  });

  app.get('/:id/export', async (c) => {
    const row = await draftOf(repos, c.req.param('id'));
    return c.body(`${JSON.stringify(row.draft, null, 2)}\n`, 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${row.id}.flow.json"`,
    });
  });

  return app;
}
