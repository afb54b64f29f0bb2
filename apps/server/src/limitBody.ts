import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Refuses request bodies over `maxSize` bytes with `onTooLarge`. A body with a Content-Length is
 * judged by the header alone (Node then delivers exactly that many bytes), and a request without
 * a body is let through untouched: Hono's `bodyLimit` asks every request for its body stream,
 * which makes @hono/node-server build a full web Request per request, the largest single cost of
 * a small API call. Only a chunked body is counted by `bodyLimit` as it streams in.
 */
export function limitBody(
  maxSizeOf: number | ((c: Context) => number),
  onTooLarge: (c: Context, maxSize: number) => Response | Promise<Response>,
): MiddlewareHandler {
  const counters = new Map<number, MiddlewareHandler>();
  return async (c, next) => {
    // A route may have its own limit (a CSV import takes 50 MiB); the rest share one.
    const maxSize = typeof maxSizeOf === 'number' ? maxSizeOf : maxSizeOf(c);
    let counted = counters.get(maxSize);
    if (!counted) counters.set(maxSize, (counted = bodyLimit({ maxSize, onError: (c) => onTooLarge(c, maxSize) })));
    const length = c.req.header('content-length');
    if (length !== undefined && !c.req.header('transfer-encoding')) {
      if (Number(length) > maxSize) return onTooLarge(c, maxSize);
      return next();
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'DELETE') return next();
    return counted(c, next);
  };
}
