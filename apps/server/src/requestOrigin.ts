import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

// Where a request came from. Behind a reverse proxy the socket is the proxy's: its
// X-Forwarded-* headers are believed only with HOURGLASS_TRUST_PROXY=1, since any client can
// send them.

const firstOf = (header: string | undefined) => header?.split(',')[0]?.trim() || undefined;

/** Whether the browser reached the app over TLS: directly, or through a trusted proxy that says so. */
export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (trustProxy) {
    const proto = firstOf(c.req.header('X-Forwarded-Proto'));
    if (proto) return proto.toLowerCase() === 'https';
  }
  return new URL(c.req.url).protocol === 'https:';
}

/** The app's own origin as the browser sees it, e.g. `http://localhost:8080`. */
export function requestOrigin(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  const host = (trustProxy && firstOf(c.req.header('X-Forwarded-Host'))) || url.host;
  return `${isHttps(c, trustProxy) ? 'https' : 'http'}://${host}`;
}

/** The client's address: the socket's peer, or the address a trusted proxy appended last. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
