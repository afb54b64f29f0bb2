import { Hono } from 'hono';
import { formatTrace } from '@hourglass/documents';
import { badRequest, notFound } from '../apiError.ts';
import { ContactChangesBody, ContactsQuery, TraceQuery, type ContactDetail, type ContactSummary } from '@hourglass/api';
import { consentView, contactEventView, contactView, enrolmentView } from '../apiViews.ts';
import type { AppDeps } from '../appDeps.ts';
import { parseQuery, parseWith, readJson } from '../requestBody.ts';

const RECENT_EVENTS = 100;

/** Contacts: upsert, list with search, detail with score split and history, erasure, export, trace. */
export function contactsRoutes({ runtime, workspace, repos }: AppDeps) {
  const app = new Hono();
  const contactOf = async (id: string) => {
    const contact = await repos.store.getContact(id);
    if (!contact) throw notFound(`There is no contact "${id}".`);
    return contact;
  };
  const checkId = (id: string) => {
    if (id.length > 200) throw badRequest('A contact id is at most 200 characters.');
    return id;
  };

  app.get('/', async (c) => {
    const { search, limit } = parseQuery(c, ContactsQuery);
    const found = await Promise.all(
      (await repos.contacts.search(search, limit)).map(async (id) => {
        const contact = await repos.store.getContact(id);
        return contact && { ...contactView(contact), score: (await workspace.scoreOf(id))!.score };
      }),
    );
    const contacts: ContactSummary[] = found.filter((x) => x !== undefined);
    return c.json({ contacts });
  });

  app.get('/:id', async (c) => {
    const contact = await contactOf(c.req.param('id'));
    const answer: ContactDetail = {
      contact: contactView(contact),
      score: (await workspace.scoreOf(contact.id))!,
      events: (await repos.contacts.events(contact.id, RECENT_EVENTS)).map(contactEventView),
      enrolments: (await repos.enrolments.ofContact(contact.id)).map(enrolmentView),
      consents: (await repos.consents.ofContact(contact.id)).map((x) => consentView(x, runtime.clock.now())),
    };
    return c.json(answer);
  });

  app.put('/:id', async (c) => {
    const id = checkId(c.req.param('id'));
    const changes = parseWith(ContactChangesBody, await readJson(c));
    const { contact, created } = await runtime.upsertContact(id, changes);
    return c.json(contactView(contact), created ? 201 : 200);
  });

  app.delete('/:id', async (c) => {
    if (!(await runtime.eraseContact(c.req.param('id')))) throw notFound(`There is no contact "${c.req.param('id')}".`);
    return c.body(null, 204);
  });

  // Everything stored about the contact, as a file to download (right of access, portability).
  app.get('/:id/export', async (c) => {
    const id = c.req.param('id');
    const answer = await runtime.exportContact(id);
    if (!answer) throw notFound(`There is no contact "${id}".`);
    const file = `contact-${id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100)}.json`;
    return c.body(JSON.stringify(answer, null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file}"`,
    });
  });

  // The trace document in the spec's exact shape (its leading "contact": id included).
  app.get('/:id/trace', async (c) => {
    const contact = await contactOf(c.req.param('id'));
    const { flow } = parseQuery(c, TraceQuery);
    if (!(await workspace.hasFlow(flow))) throw notFound(`There is no flow "${flow}".`);
    return c.body(formatTrace(await workspace.trace(flow, contact.id)), 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });

  return app;
}
