import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import type { SessionState } from '@hourglass/api';
import { LEGACY_TOKEN_COOKIE, SESSION_COOKIE, credentialOf, type Auth } from '../auth.ts';
import { isHttps } from '../requestOrigin.ts';
import { assertSameOrigin } from '../sameOrigin.ts';

/** The sign-in session: asking about it needs no sign-in; signing out ends it. */
export function sessionRoutes(auth: Auth): Hono {
  const r = new Hono();

  r.get('/', async (c) => {
    const credential = await credentialOf(auth, c);
    const state: SessionState = !credential
      ? { signedIn: false }
      : credential.kind === 'token'
        ? { signedIn: true, via: 'token' }
        : { signedIn: true, via: 'session', expiresAt: new Date(credential.session.expiresAt).toISOString() };
    return c.json(state);
  });

  r.post('/logout', async (c) => {
    const id = getCookie(c, SESSION_COOKIE);
    if (id !== undefined && (await auth.sessions.use(id, auth.tokenHash, auth.now()))) {
      // Another site must not sign the user out either.
      assertSameOrigin(c, auth.trustProxy);
      await auth.sessions.end(id);
    }
    const secure = isHttps(c, auth.trustProxy);
    deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure });
    deleteCookie(c, LEGACY_TOKEN_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  return r;
}
