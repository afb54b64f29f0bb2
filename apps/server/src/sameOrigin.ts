import type { Context } from 'hono';
import { ApiError } from './apiError.ts';
import { requestOrigin } from './requestOrigin.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether the method may change something (and so must not be sent by another site). */
export const changesState = (method: string): boolean => !SAFE_METHODS.has(method.toUpperCase());

/**
 * Refuses a request the browser sent on behalf of another site: its `Origin` must be the app's
 * own, or, without one, `Sec-Fetch-Site` must say same-origin (or none: typed by the user). The
 * sign-in cookie is SameSite=Strict, but another port of the same host is the same *site*, so
 * the cookie alone does not prove the app sent the request.
 */
export function assertSameOrigin(c: Context, trustProxy: boolean): void {
  const origin = c.req.header('Origin');
  if (origin !== undefined) {
    if (origin === requestOrigin(c, trustProxy)) return;
  } else {
    const site = c.req.header('Sec-Fetch-Site');
    if (site === 'same-origin' || site === 'none') return;
  }
  throw new ApiError(
    403,
    'This request came from another site (its Origin is not this app\'s), so the sign-in cookie does not count for it. Use the Hourglass app, or send "Authorization: Bearer TOKEN".',
  );
}
