import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ApiError } from './apiError.ts';
import { clientAddress } from './requestOrigin.ts';
import { assertSameOrigin, changesState } from './sameOrigin.ts';
import type { Session } from './sessionRepository.ts';
import type { SessionStore, SignInCodeStore } from './storeApi.ts';
import { tokenMatches } from './token.ts';
import type { WrongTokenLimiter } from './wrongTokenLimiter.ts';

/** The cookie set by signing in: a random session id, never the token. */
export const SESSION_COOKIE = 'hourglass_session';
/** The cookie older versions set, holding the token itself: cleared on sign-in and sign-out. */
export const LEGACY_TOKEN_COOKIE = 'hourglass_token';

/** What checking sign-in needs: the token's hash, the sessions, the limiter and real time. */
export interface Auth {
  tokenHash: Buffer;
  sessions: SessionStore;
  signInCodes: SignInCodeStore;
  limiter: WrongTokenLimiter;
  /** Believe X-Forwarded-Proto/-Host/-For (HOURGLASS_TRUST_PROXY=1). */
  trustProxy: boolean;
  /** Wall-clock milliseconds: sessions expire in real time, whatever the flows' clock says. */
  now: () => number;
}

/** How a request is signed in. */
export type Credential = { kind: 'token' } | { kind: 'session'; id: string; session: Session };

/** The bearer token of `Authorization: Bearer …`, if any. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() || undefined;
}

/**
 * Checks a secret a client presents (token or sign-in code) under the wrong-token limiter:
 * 429 while its address must wait; a wrong one counts against the address.
 */
export async function checkGuess(auth: Auth, c: Context, isRight: () => boolean | Promise<boolean>): Promise<boolean> {
  const address = clientAddress(c, auth.trustProxy);
  const wait = auth.limiter.waitSeconds(address, auth.now());
  if (wait > 0) {
    throw new ApiError(429, `Too many wrong tokens from this address: try again in ${wait} seconds.`, undefined, {}, { 'Retry-After': String(wait) });
  }
  if (await isRight()) return true;
  auth.limiter.fail(address, auth.now());
  return false;
}

/**
 * The request's credential: a bearer token (checked, 401 when wrong), else a live session from
 * the cookie, else none. A cookie of an ended session is no credential.
 */
export async function credentialOf(auth: Auth, c: Context): Promise<Credential | undefined> {
  const bearer = bearerToken(c.req.header('Authorization'));
  if (bearer !== undefined) {
    if (!(await checkGuess(auth, c, () => tokenMatches(bearer, auth.tokenHash)))) {
      throw new ApiError(401, 'This token is not valid: check HOURGLASS_TOKEN.');
    }
    return { kind: 'token' };
  }
  const id = getCookie(c, SESSION_COOKIE);
  const session = await auth.sessions.use(id, auth.tokenHash, auth.now());
  return session ? { kind: 'session', id: id!, session } : undefined;
}

/**
 * Refuses with 401 every request not signed in, and with 403 a cookie-signed request that
 * changes something and was sent by another site. Bearer-token clients are not browsers: no
 * other site can make a browser send their header, so the origin is not checked for them.
 */
export function requireSignIn(auth: Auth): MiddlewareHandler {
  return async (c, next) => {
    const credential = await credentialOf(auth, c);
    if (!credential) {
      throw new ApiError(
        401,
        getCookie(c, SESSION_COOKIE)
          ? 'Your sign-in has ended. Open a new sign-in link (npm run sign-in-link prints one).'
          : 'Sign in first: send "Authorization: Bearer TOKEN" or open a sign-in link.',
      );
    }
    if (credential.kind === 'session' && changesState(c.req.method)) assertSameOrigin(c, auth.trustProxy);
    await next();
  };
}
