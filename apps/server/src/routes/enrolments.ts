import { Hono } from 'hono';
import { ApiError, conflict, notFound } from '../apiError.ts';
import { EnrolBody, EnrolmentsQuery, MoveEnrolmentBody, type FlowEnrolments } from '@hourglass/api';
import { enrolmentView } from '../apiViews.ts';
import type { AppDeps } from '../appDeps.ts';
import { parseQuery, parseWith, readJson } from '../requestBody.ts';

const REASONS: Record<string, string> = {
  'no-manual-trigger': 'This flow has no manual trigger, so contacts cannot be enrolled by hand.',
  'already-enrolled': 'This contact is already in this flow.',
  'no-reentry': 'This contact has been through this flow before, and the flow does not allow re-entry.',
  'goal-met': 'This contact already meets the goal of this flow.',
  'not-published': 'This flow has no published version yet: publish it first.',
  paused: 'This flow is paused: resume it to enrol contacts.',
};

/** Enrolments of a flow: the list with contacts waiting per node, manual enrol, removal. */
export function enrolmentsRoutes({ runtime, workspace, repos }: AppDeps) {
  const app = new Hono();
  const requireFlow = async (id: string) => {
    if (!(await workspace.hasFlow(id))) throw notFound(`There is no flow "${id}".`);
  };

  app.get('/:id/enrolments', async (c) => {
    const id = c.req.param('id');
    await requireFlow(id);
    const { limit } = parseQuery(c, EnrolmentsQuery);
    const answer: FlowEnrolments = {
      counts: await repos.enrolments.waitingByNode(id),
      versions: await repos.enrolments.activeByVersion(id),
      enrolments: (await repos.enrolments.ofFlow(id, limit)).map(enrolmentView),
    };
    return c.json(answer);
  });

  app.post('/:id/enrolments', async (c) => {
    const id = c.req.param('id');
    await requireFlow(id);
    const { contactId } = parseWith(EnrolBody, await readJson(c));
    if (!(await repos.contacts.exists(contactId))) throw notFound(`There is no contact "${contactId}".`);
    if (!(await workspace.isLive(id))) throw conflict(REASONS['not-published']!, { reason: 'not-published' });
    const outcome = await runtime.enrol(id, contactId);
    if (!outcome.enrolled) throw conflict(REASONS[outcome.reason] ?? 'This contact cannot be enrolled.', { reason: outcome.reason });
    return c.json({ enrolment: enrolmentView((await repos.enrolments.get(outcome.enrolment.id))!) }, 201);
  });

  // An admin moves one contact onto another step (of its version or another), or out of the flow.
  app.post('/:id/enrolments/:enrolmentId/move', async (c) => {
    const id = c.req.param('id');
    const enrolmentId = c.req.param('enrolmentId');
    await requireFlow(id);
    const { node, version: asked } = parseWith(MoveEnrolmentBody, await readJson(c));
    const e = await repos.enrolments.get(enrolmentId);
    if (!e || e.flowId !== id) throw notFound(`Flow "${id}" has no enrolment "${enrolmentId}".`);
    if (e.status !== 'active') throw conflict('This contact has left the flow already; nothing was moved.');
    const version = asked ?? e.version;
    const flow = await workspace.versionFlow(id, version);
    if (!flow) throw notFound(`This flow has no published version ${version}.`);
    if (node !== null && !flow.nodes.some((n) => n.id === node)) throw new ApiError(422, `Version ${version} of this flow has no step "${node}".`);
    await runtime.moveEnrolment({ contactId: e.contactId, flowId: id, enrolmentId, version, node });
    return c.json({ enrolment: enrolmentView((await repos.enrolments.get(enrolmentId))!) });
  });

  app.delete('/:id/enrolments/:enrolmentId', async (c) => {
    const id = c.req.param('id');
    await requireFlow(id);
    if (!(await runtime.removeEnrolment(id, c.req.param('enrolmentId')))) throw notFound(`Flow "${id}" has no enrolment "${c.req.param('enrolmentId')}".`);
    return c.body(null, 204);
  });

  return app;
}
