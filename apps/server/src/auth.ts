import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ApiError } from './apiError.ts';
import { tokenMatches } from './token.ts';

/** The cookie set by opening the sign-in link `/?token=…`. */
export const TOKEN_COOKIE = 'hourglass_token';

/** The token a request presents: `Authorization: Bearer …`, else the sign-in cookie. */
export function presentedToken(authorization: string | undefined, cookie: string | undefined): string | undefined {
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  return bearer || cookie || undefined;
}

/** Refuses with 401 every request whose token does not match the stored hash. */
export function requireToken(hash: Buffer): MiddlewareHandler {
  return async (c, next) => {
    const token = presentedToken(c.req.header('Authorization'), getCookie(c, TOKEN_COOKIE));
    if (!tokenMatches(token, hash)) {
      throw new ApiError(401, token ? 'This token is not valid. Open the sign-in link again or check HOURGLASS_TOKEN.' : 'Sign in first: send "Authorization: Bearer TOKEN" or open the sign-in link.');
    }
    await next();
  };
}
