import { Hono, type Context } from 'hono';
import { Engagement } from '../engagement.ts';
import type { AppDeps } from '../appDeps.ts';
import { hostedPage } from '../hostedPage.ts';
import { limitBody } from '../limitBody.ts';

/** A transparent 1×1 GIF: the open pixel. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
/** A one-click unsubscribe posts a few bytes; nothing larger is read. */
const MAX_POST_BYTES = 8 * 1024;

const NOT_FOUND_PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Link not found</title></head><body><h1>This link is not valid</h1><p>It may have been mistyped, or what it points to no longer exists.</p></body></html>';

/**
 * The public engagement routes of sent email (campaign spec §3), outside `/api`: no sign-in,
 * the signed token is the only key. `/t` redirects a tracked link, `/o` is the open pixel, `/u`
 * the unsubscribe page (a GET only asks; a POST, RFC 8058's one-click included, unsubscribes or,
 * with `action=resubscribe`, subscribes again). A token that does not verify or names nothing
 * that exists is a 404 and records nothing; a HEAD answers as GET and records nothing.
 */
export function engagementRoutes({ runtime, repos, workspace }: AppDeps, secret: Buffer) {
  const app = new Hono();
  const engagement = new Engagement(runtime, repos, secret);
  const notFound = (c: Context) => c.html(NOT_FOUND_PAGE, 404, { 'Cache-Control': 'no-store' });
  const isHead = (c: Context) => c.req.method === 'HEAD';

  app.get('/t/:token', async (c) => {
    const target = await engagement.find('t', c.req.param('token'));
    if (!target) return notFound(c);
    if (!isHead(c)) await engagement.clicked(target);
    // An empty string body, not null: @hono/node-server then writes the answer directly instead
    // of building a web Response (a tenth of a click's CPU).
    // The Location as Hono's c.redirect writes it: characters beyond Latin-1 percent-encoded.
    const url = target.url!;
    return c.body('', 302, { Location: /[^\x00-\xFF]/.test(url) ? encodeURI(url) : url, 'Cache-Control': 'no-store' });
  });

  app.get('/o/:token', async (c) => {
    const target = await engagement.find('o', c.req.param('token'));
    if (!target) return notFound(c);
    if (!isHead(c)) await engagement.opened(target);
    return c.body(PIXEL, 200, {
      'Content-Type': 'image/gif',
      'Content-Length': String(PIXEL.length),
      'Cache-Control': 'no-store, no-cache, must-revalidate, max-age=0',
      Pragma: 'no-cache',
      Expires: '0',
    });
  });

  const page = async (c: Context, unsubscribed: boolean, done: boolean) => {
    const settings = await workspace.emailSettings();
    const from = settings.senderName || 'us';
    const content = unsubscribed
      ? {
          title: 'You are unsubscribed',
          message: `You will not receive marketing emails from ${from} any more. Changed your mind?`,
          buttons: [{ action: 'resubscribe', label: 'Subscribe again' }],
        }
      : done
        ? {
            title: 'You are subscribed again',
            message: `Welcome back: you will receive emails from ${from} again.`,
            buttons: [{ action: 'unsubscribe', label: 'Unsubscribe' }],
          }
        : {
            title: 'Unsubscribe?',
            message: `Do you want to stop receiving marketing emails from ${from}?`,
            buttons: [{ action: 'unsubscribe', label: 'Unsubscribe', primary: true }],
          };
    return c.html(hostedPage(settings, content), 200);
  };

  app.get('/u/:token', async (c) => {
    const target = await engagement.find('u', c.req.param('token'));
    if (!target) return notFound(c);
    // A GET only asks: mail scanners follow links, and must not unsubscribe anyone.
    return page(c, await engagement.isUnsubscribed(target.email), false);
  });

  app.post(
    '/u/:token',
    limitBody(MAX_POST_BYTES, (c) => c.text('The request body is too large.', 413)),
    async (c) => {
      const target = await engagement.find('u', c.req.param('token'));
      if (!target) return notFound(c);
      // Any body unsubscribes (RFC 8058 posts "List-Unsubscribe=One-Click"); only the page's own
      // button asks to subscribe again.
      const resubscribe = new URLSearchParams(await c.req.text()).get('action') === 'resubscribe';
      const { unsubscribed } = await engagement.setSubscription(target.email, resubscribe);
      return page(c, unsubscribed, true);
    },
  );

  return app;
}
