import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Refuses request bodies over `maxSize` bytes with `onTooLarge`. A body with a Content-Length is
 * judged by the header alone (Node then delivers exactly that many bytes), and a request without
 * a body is let through untouched: Hono's `bodyLimit` asks every request for its body stream,
 * which makes @hono/node-server build a full web Request per request, the largest single cost of
 * a small API call. Only a chunked body is counted by `bodyLimit` as it streams in.
 */
export function limitBody(maxSize: number, onTooLarge: Parameters<typeof bodyLimit>[0]['onError']): MiddlewareHandler {
  const counted = bodyLimit({ maxSize, ...(onTooLarge ? { onError: onTooLarge } : {}) });
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length !== undefined && !c.req.header('transfer-encoding')) {
      if (Number(length) > maxSize && onTooLarge) return onTooLarge(c);
      return next();
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'DELETE') return next();
    return counted(c, next);
  };
}
