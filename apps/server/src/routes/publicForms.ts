import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { parseJson } from '@hourglass/documents';
import type { Problem } from '@hourglass/documents';
import type { AppDeps } from '../appDeps.ts';
import { formEmbedScript } from '../formEmbedScript.ts';
import { formPage, messagePage } from '../formPage.ts';
import { FormPostLimiter } from '../formPostLimiter.ts';
import type { StoredForm } from '../formRepository.ts';
import { checkSubmission } from '../formSubmission.ts';
import { limitBody } from '../limitBody.ts';
import { clientAddress, requestOrigin } from '../requestOrigin.ts';
import { hostedPagePolicy } from '../hostedPage.ts';

/** A form post is a few fields: nothing larger is read. */
const MAX_POST_BYTES = 16 * 1024;
const NOT_FOUND_PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>This link is not valid</h1><p>It may have been mistyped, or what it points to no longer exists.</p></body></html>';

/** Extra `form-action` origins of a page's answer (a form's redirect), read by publicFormHeaders. */
const formActionOrigins = new WeakMap<Request, string>();

/**
 * The headers of `/f/*` and `/c/*`, set after the app-wide ones (registered before them): the
 * hosted pages' strict policy (no script; forms post only here, or to the form's redirect,
 * which Chrome checks on the 303 too); the embed script and the answers to posts may be read
 * by any site (the embed posts from there).
 */
export const publicFormHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set('Cache-Control', 'no-store');
  if (c.req.path.endsWith('/embed.js') || c.req.method === 'POST' || c.req.method === 'OPTIONS') {
    h.set('Access-Control-Allow-Origin', '*');
    h.set('Cross-Origin-Resource-Policy', 'cross-origin');
  }
  const extra = formActionOrigins.get(c.req.raw);
  h.set('Content-Security-Policy', hostedPagePolicy(extra));
};

/**
 * The public side of forms (campaign spec §4 "Forms"), outside `/api`, no sign-in: the hosted
 * page, the embed script, the post (form-encoded from a browser, or JSON from the embed or any
 * client) and the double opt-in confirmation `/c/TOKEN`.
 */
export function publicFormsRoutes(deps: AppDeps, secret: Buffer) {
  const { runtime } = deps;
  const app = new Hono();
  const { forms } = deps.repos;
  const intake = runtime.formInputs(secret);
  const limiter = new FormPostLimiter();
  const trustProxy = deps.trustProxy ?? false;
  const now = deps.wallClock ?? Date.now;
  const publicUrl = (c: Context) => deps.publicUrl?.() ?? requestOrigin(c, trustProxy);
  const settings = () => deps.workspace.emailSettings();
  const notFoundPage = (c: Context) => c.html(NOT_FOUND_PAGE, 404);
  const allowRedirect = (c: Context, form: StoredForm) => {
    if (form.redirect) formActionOrigins.set(c.req.raw, new URL(form.redirect).origin);
  };

  app.get('/f/:id', async (c) => {
    const form = await forms.get(c.req.param('id'));
    if (!form) return notFoundPage(c);
    allowRedirect(c, form);
    return c.html(formPage(await settings(), form.id, form));
  });

  app.get('/f/:id/thanks', async (c) => {
    const form = await forms.get(c.req.param('id'));
    if (!form) return notFoundPage(c);
    return c.html(
      form.doubleOptIn
        ? messagePage(await settings(), 'Please check your email', 'We sent you an email with a link: follow it to confirm, and you are in.')
        : messagePage(await settings(), 'Thank you!', 'We received your details.'),
    );
  });

  app.get('/f/:id/embed.js', async (c) => {
    const form = await forms.get(c.req.param('id'));
    if (!form) return c.text('// There is no such form.', 404, { 'Content-Type': 'text/javascript; charset=utf-8' });
    return c.body(formEmbedScript(`${publicUrl(c)}/f/${encodeURIComponent(form.id)}`, form), 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });

  // The preflight of the embed's JSON post from another site.
  app.on('OPTIONS', '/f/:id', (c) =>
    c.body(null, 204, {
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': '600',
    }),
  );

  app.post(
    '/f/:id',
    limitBody(MAX_POST_BYTES, (c) => c.json({ error: 'The form post is too large.' }, 413)),
    async (c) => {
      const type = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
      const isJson = type === 'application/json';
      const fail = (status: 400 | 404 | 415 | 422 | 429, error: string, problems?: Problem[]) => c.json({ error, ...(problems ? { problems } : {}) }, status);

      const wait = limiter.hit(clientAddress(c, trustProxy), now());
      if (wait) {
        c.header('Retry-After', String(wait));
        return isJson
          ? fail(429, 'Too many posts from your address; please wait a minute.')
          : c.html(messagePage(await settings(), 'Please wait a minute', 'Too many posts came from your address. Please try again in a minute.'), 429);
      }
      const form = await forms.get(c.req.param('id'));
      if (!form) return isJson ? fail(404, `There is no form "${c.req.param('id')}".`) : notFoundPage(c);
      if (!isJson && type !== 'application/x-www-form-urlencoded') return fail(415, 'Send the form as application/x-www-form-urlencoded or application/json.');

      const text = await c.req.text();
      let values: Record<string, unknown>;
      if (isJson) {
        const parsed = parseJson(text);
        if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value))
          return fail(400, "The request body must be a JSON object of the form's fields.");
        values = parsed.value as Record<string, unknown>;
      } else {
        values = Object.fromEntries(new URLSearchParams(text));
      }

      const check = checkSubmission(form, values);
      const success = (status: 'accepted' | 'confirmation-sent') => {
        if (isJson) return c.json({ status }, 202);
        return c.redirect(form.redirect ?? `/f/${encodeURIComponent(form.id)}/thanks`, 303);
      };
      // A bot that filled the hidden field is told it succeeded, and nothing is stored.
      if (check.honeypot) return success(form.doubleOptIn ? 'confirmation-sent' : 'accepted');
      if (!check.ok) {
        const error = 'Some fields are missing or not valid.';
        if (isJson) return fail(422, error, check.problems);
        allowRedirect(c, form);
        return c.html(formPage(await settings(), form.id, form, values, check.problems), 422);
      }
      allowRedirect(c, form);
      const status = await intake.submit(
        form,
        check.submission,
        { ip: clientAddress(c, trustProxy), userAgent: c.req.header('User-Agent') ?? '' },
        publicUrl(c),
      );
      return success(status);
    },
  );

  app.get('/c/:token', async (c) => {
    const consent = await intake.find(c.req.param('token'));
    if (!consent) return notFoundPage(c);
    const outcome = c.req.method === 'HEAD' ? 'head' : await intake.confirm(consent);
    if (outcome === 'gone') return notFoundPage(c);
    if (outcome === 'expired') {
      return c.html(
        messagePage(await settings(), 'This link has expired', 'Confirmation links work for 7 days. Please fill in the form again to get a new one.'),
        410,
      );
    }
    return c.html(messagePage(await settings(), 'You are confirmed', 'Thank you: your subscription is confirmed.'));
  });

  return app;
}
