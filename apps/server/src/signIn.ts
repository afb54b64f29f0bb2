import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { ApiError } from './apiError.ts';
import { LEGACY_TOKEN_COOKIE, SESSION_COOKIE, checkGuess, type Auth } from './auth.ts';
import { isHttps } from './requestOrigin.ts';
import { SESSION_DAYS } from './sessionRepository.ts';
import { tokenMatches } from './token.ts';

const page = (text: string) => `<!doctype html><title>Hourglass</title><p>${text}</p>`;

/**
 * The sign-in link: `/?token=TOKEN` (the first start's link, or HOURGLASS_TOKEN) or
 * `/?code=CODE` (a one-time link from `npm run sign-in-link`) opens a session, sets its id as an
 * HttpOnly cookie and redirects to `/`, so the secret leaves the address bar (and, with
 * Referrer-Policy: no-referrer, is never sent on). Without either, the web app is served.
 */
export function signIn(auth: Auth, webApp: (c: Context) => Response | Promise<Response>) {
  return async (c: Context) => {
    const token = c.req.query('token');
    const code = c.req.query('code');
    if (token === undefined && code === undefined) return webApp(c);
    let right: boolean;
    try {
      right = await checkGuess(auth, c, () => (token !== undefined ? tokenMatches(token, auth.tokenHash) : auth.signInCodes.consume(code!, auth.now())));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return c.html(page(e.message), 429, e.headers);
    }
    if (!right) {
      return c.html(
        page(
          token !== undefined
            ? 'This sign-in link is not valid. Use the link the server printed, or check HOURGLASS_TOKEN.'
            : 'This sign-in link is not valid any more: each one works once, for 15 minutes. Run "npm run sign-in-link" for a new one.',
        ),
        401,
      );
    }
    const session = await auth.sessions.create(auth.tokenHash, auth.now());
    setCookie(c, SESSION_COOKIE, session.id, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      maxAge: SESSION_DAYS * 86_400,
      secure: isHttps(c, auth.trustProxy),
    });
    deleteCookie(c, LEGACY_TOKEN_COOKIE, { path: '/' });
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
    return c.redirect('/', 302);
  };
}
