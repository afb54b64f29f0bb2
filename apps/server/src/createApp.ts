import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError, notFound } from './apiError.ts';
import type { AppDeps } from './appDeps.ts';
import { requireSignIn, type Auth } from './auth.ts';
import { hostedPageHeaders } from './hostedPage.ts';
import { limitBody } from './limitBody.ts';
import { openApiDocument } from './openApiDocument.ts';
import { adminRoutes } from './routes/admin.ts';
import { CONTACT_IMPORT_PATH, MAX_IMPORT_BYTES, contactImportRoutes } from './routes/contactImport.ts';
import { contactMixRoutes } from './routes/contactMix.ts';
import { contactsRoutes } from './routes/contacts.ts';
import { emailSettingsRoutes } from './routes/emailSettings.ts';
import { engagementRoutes } from './routes/engagement.ts';
import { enrolmentsRoutes } from './routes/enrolments.ts';
import { eventsRoutes } from './routes/events.ts';
import { flowNotesRoutes } from './routes/flowNotes.ts';
import { flowsRoutes } from './routes/flows.ts';
import { formsRoutes } from './routes/forms.ts';
import { handoffsRoutes } from './routes/handoffs.ts';
import { migrationsRoutes } from './routes/migrations.ts';
import { outboxRoutes } from './routes/outbox.ts';
import { propertiesRoutes } from './routes/properties.ts';
import { pauseRoutes } from './routes/pause.ts';
import { publicFormHeaders, publicFormsRoutes } from './routes/publicForms.ts';
import { publicSettingsRoutes } from './routes/publicSettings.ts';
import { reportsRoutes } from './routes/reports.ts';
import { scenariosRoutes } from './routes/scenarios.ts';
import { scoringRoutes } from './routes/scoring.ts';
import { sessionRoutes } from './routes/session.ts';
import { simulateRoutes } from './routes/simulate.ts';
import { templatesRoutes } from './routes/templates.ts';
import { noStore, securityHeaders } from './securityHeaders.ts';
import { signIn } from './signIn.ts';
import { serveWebApp } from './webApp.ts';
import { WrongTokenLimiter } from './wrongTokenLimiter.ts';

export type { AppDeps } from './appDeps.ts';

const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;
/** The OpenAPI document, made at the first request for it (see below). */
let openApi: Record<string, unknown> | undefined;

/**
 * The Hourglass HTTP app: the JSON API under `/api` (docs/api.md), the sign-in link and the
 * web app. Tests call `app.request()` on it; `main.ts` serves it with @hono/node-server.
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const limit = deps.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const auth: Auth = {
    tokenHash: deps.tokenHash,
    sessions: deps.repos.sessions,
    signInCodes: deps.repos.signInCodes,
    limiter: new WrongTokenLimiter(),
    trustProxy: deps.trustProxy ?? false,
    now: deps.wallClock ?? Date.now,
  };

  // The one place errors become answers: a sentence (and problems) as JSON, never a stack trace.
  app.onError((err, c) => {
    if (err instanceof ApiError) {
      return c.json({ error: err.message, ...(err.problems ? { problems: err.problems } : {}), ...err.extra }, err.status, err.headers);
    }
    if (err instanceof HTTPException) {
      return c.json({ error: err.status === 413 ? tooLarge(limit) : err.message || 'The request was refused.' }, err.status);
    }
    console.error(`${c.req.method} ${new URL(c.req.url).pathname} failed:`, err);
    return c.json({ error: 'Something went wrong on the server; it has been logged. Please try again.' }, 500);
  });

  // Registered first, so the hosted pages' own policy replaces the app-wide one set below.
  app.use('/u/*', hostedPageHeaders);
  app.use('/f/*', publicFormHeaders);
  app.use('/c/*', publicFormHeaders);
  app.use('*', securityHeaders());
  app.use('/api/*', noStore);
  const limitOf = (c: Context) => (c.req.path === CONTACT_IMPORT_PATH ? MAX_IMPORT_BYTES : limit);
  app.use(
    '/api/*',
    limitBody(limitOf, (c, max) => c.json({ error: tooLarge(max) }, 413)),
  );

  app.get('/api/health', async (c) => c.json(await deps.health()));
  // Made at the first request for it, once per process: it never changes, and generating the JSON
  // Schemas of every route costs more than the rest of building an app.
  app.get('/api/openapi.json', (c) => c.json((openApi ??= openApiDocument())));

  app.route('/api/session', sessionRoutes(auth));

  app.use('/api/*', requireSignIn(auth));
  // The same routes on every store (docs/scale-out.md, "One API, two stores").
  app.route('/api/flows', flowsRoutes(deps));
  app.route('/api/flows', enrolmentsRoutes(deps));
  app.route('/api/flows', scenariosRoutes(deps));
  app.route('/api/flows', flowNotesRoutes(deps));
  app.route('/api/flows', reportsRoutes(deps));
  app.route('/api/templates', templatesRoutes(deps));
  app.route('/api/scoring', scoringRoutes(deps));
  app.route('/api/contacts', contactImportRoutes(deps));
  app.route('/api/contacts', contactsRoutes(deps));
  app.route('/api/properties', propertiesRoutes(deps));
  app.route('/api/contact-mix', contactMixRoutes(deps));
  app.route('/api/events', eventsRoutes(deps));
  app.route('/api/handoffs', handoffsRoutes(deps));
  app.route('/api/outbox', outboxRoutes(deps));
  app.route('/api/settings/email', emailSettingsRoutes(deps));
  app.route('/api/settings/public', publicSettingsRoutes(deps));
  app.route('/api/simulate', simulateRoutes(deps));
  app.route('/api/forms', formsRoutes(deps));
  app.route('/api/flows', migrationsRoutes(deps));
  app.route('/api/flows', pauseRoutes(deps));
  if (deps.manualClock) app.route('/api/admin', adminRoutes(deps, deps.manualClock));
  app.all('/api/*', (c) => {
    throw notFound(`There is no API route ${c.req.method} ${new URL(c.req.url).pathname}.`);
  });

  // Public routes of sent email (campaign spec §3): the signed token is the key, no sign-in.
  const secret = deps.publicSecret;
  app.route('/', engagementRoutes(deps, secret));
  // Public forms and their confirmation links (campaign spec §4): JSON or form posts from any site.
  app.route('/', publicFormsRoutes(deps, secret));

  // The sign-in link: a valid token or one-time code opens a session, then back to the app.
  const webApp = serveWebApp(deps.webDist);
  app.get('/', signIn(auth, webApp));
  app.get('*', webApp);

  return app;
}

/** PostgreSQL's workers share one secret, read before the app is made (pgPublicSecret). */
function tooLarge(limit: number): string {
  if (limit === MAX_IMPORT_BYTES) return `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB; split it into smaller files.`;
  return `The request body is larger than ${Math.round(limit / 1024)} KiB. Send events in batches of at most 1,000.`;
}
