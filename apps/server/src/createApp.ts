import { Hono, type Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { ApiError, notFound } from './apiError.ts';
import type { AppDeps } from './appDeps.ts';
import { TOKEN_COOKIE, requireToken } from './auth.ts';
import { limitBody } from './limitBody.ts';
import { openApiDocument } from './openApiDocument.ts';
import { adminRoutes } from './routes/admin.ts';
import { CONTACT_IMPORT_PATH, MAX_IMPORT_BYTES, contactImportRoutes } from './routes/contactImport.ts';
import { contactsRoutes } from './routes/contacts.ts';
import { enrolmentsRoutes } from './routes/enrolments.ts';
import { eventsRoutes } from './routes/events.ts';
import { flowsRoutes } from './routes/flows.ts';
import { handoffsRoutes } from './routes/handoffs.ts';
import { outboxRoutes } from './routes/outbox.ts';
import { scenariosRoutes } from './routes/scenarios.ts';
import { scoringRoutes } from './routes/scoring.ts';
import { simulateRoutes } from './routes/simulate.ts';
import { templatesRoutes } from './routes/templates.ts';
import { tokenMatches } from './token.ts';
import { serveWebApp } from './webApp.ts';

export type { AppDeps } from './appDeps.ts';

const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;
const COOKIE_DAYS = 30;

/**
 * The Hourglass HTTP app: the JSON API under `/api` (docs/api.md), the sign-in link and the
 * web app. Tests call `app.request()` on it; `main.ts` serves it with @hono/node-server.
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const limit = deps.bodyLimit ?? DEFAULT_BODY_LIMIT;

  // The one place errors become answers: a sentence (and problems) as JSON, never a stack trace.
  app.onError((err, c) => {
    if (err instanceof ApiError) {
      return c.json({ error: err.message, ...(err.problems ? { problems: err.problems } : {}), ...err.extra }, err.status);
    }
    if (err instanceof HTTPException) {
      return c.json({ error: err.status === 413 ? tooLarge(limit) : err.message || 'The request was refused.' }, err.status);
    }
    console.error(`${c.req.method} ${new URL(c.req.url).pathname} failed:`, err);
    return c.json({ error: 'Something went wrong on the server; it has been logged. Please try again.' }, 500);
  });

  const limitOf = (c: Context) => (c.req.path === CONTACT_IMPORT_PATH ? MAX_IMPORT_BYTES : limit);
  app.use('/api/*', limitBody(limitOf, (c, max) => c.json({ error: tooLarge(max) }, 413)));

  app.get('/api/health', (c) => c.json({ ok: true as const, inbox: deps.runtime.inboxSize() }));
  const openApi = openApiDocument();
  app.get('/api/openapi.json', (c) => c.json(openApi));

  app.use('/api/*', requireToken(deps.tokenHash));
  app.route('/api/flows', flowsRoutes(deps));
  app.route('/api/flows', enrolmentsRoutes(deps));
  app.route('/api/flows', scenariosRoutes(deps));
  app.route('/api/templates', templatesRoutes(deps));
  app.route('/api/scoring', scoringRoutes(deps));
  app.route('/api/contacts', contactImportRoutes(deps));
  app.route('/api/contacts', contactsRoutes(deps));
  app.route('/api/events', eventsRoutes(deps));
  app.route('/api/handoffs', handoffsRoutes(deps));
  app.route('/api/outbox', outboxRoutes(deps));
  app.route('/api/simulate', simulateRoutes(deps));
  if (deps.manualClock) app.route('/api/admin', adminRoutes(deps, deps.manualClock));
  app.all('/api/*', (c) => {
    throw notFound(`There is no API route ${c.req.method} ${new URL(c.req.url).pathname}.`);
  });

  // The sign-in link: a valid token becomes an HttpOnly cookie, then back to the app.
  const webApp = serveWebApp(deps.webDist);
  app.get('/', (c) => {
    const token = c.req.query('token');
    if (token === undefined) return webApp(c);
    if (!tokenMatches(token, deps.tokenHash)) {
      return c.html('<!doctype html><title>Hourglass</title><p>This sign-in link is not valid. Use the link the server printed, or check HOURGLASS_TOKEN.</p>', 401);
    }
    setCookie(c, TOKEN_COOKIE, token, {
      httpOnly: true, sameSite: 'Strict', path: '/', maxAge: COOKIE_DAYS * 86_400,
      secure: new URL(c.req.url).protocol === 'https:',
    });
    return c.redirect('/', 302);
  });
  app.get('*', webApp);

  return app;
}

function tooLarge(limit: number): string {
  if (limit === MAX_IMPORT_BYTES) return `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB; split it into smaller files.`;
  return `The request body is larger than ${Math.round(limit / 1024)} KiB. Send events in batches of at most 1,000.`;
}
