import { Hono } from 'hono';
import { FormBody, type Form } from '@hourglass/api';
import { badRequest, notFound } from '../apiError.ts';
import { iso } from '../apiViews.ts';
import type { AppDeps } from '../appDeps.ts';
import type { StoredForm } from '../formRepository.ts';
import { parseWith, readJson } from '../requestBody.ts';

const formView = ({ updatedAt, ...form }: StoredForm): Form => ({ ...form, updatedAt: iso(updatedAt) });

/** Form definitions (campaign spec §4 "Forms"); the public side is publicForms.ts. */
export function formsRoutes({ runtime, repos }: AppDeps) {
  const app = new Hono();
  const { forms } = repos;

  app.get('/', async (c) => c.json({ forms: (await forms.list()).map(formView) }));

  app.get('/:id', async (c) => {
    const form = await forms.get(c.req.param('id'));
    if (!form) throw notFound(`There is no form "${c.req.param('id')}".`);
    return c.json(formView(form));
  });

  app.put('/:id', async (c) => {
    const id = c.req.param('id');
    // The id is part of public addresses (/f/ID): keep it plain.
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(id)) throw badRequest('A form id has only letters, digits, "-" and "_" (at most 100), like "whitepaper".');
    const body = parseWith(FormBody, await readJson(c));
    const created = await forms.put(id, body, runtime.clock.now());
    return c.json(formView((await forms.get(id))!), created ? 201 : 200);
  });

  app.delete('/:id', async (c) => {
    if (!(await forms.delete(c.req.param('id')))) throw notFound(`There is no form "${c.req.param('id')}".`);
    return c.body(null, 204);
  });

  return app;
}
