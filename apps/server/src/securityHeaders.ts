import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Headers on every answer: the app may run only its own scripts (Vite builds module scripts,
 * no inline ones) and may not be framed; React Flow sets inline styles; the forecast runs in
 * same-origin module workers; the favicon is a data: URL. Strict-Transport-Security is left to
 * the TLS proxy, which knows whether every subdomain is HTTPS.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      // https: for the workspace's logo in email previews and the mailbox (email HTML is shown inert).
      imgSrc: ["'self'", 'data:', 'https:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: false,
  });
}

/** API answers are personal data: no cache (browser or proxy) keeps them. */
export const noStore: MiddlewareHandler = async (c, next) => {
  // Set before the answer is made, so it is part of it (setting it after would copy the answer).
  c.header('Cache-Control', 'no-store');
  await next();
};
