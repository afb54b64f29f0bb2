import { z } from 'zod';

/** GET /api/session: whether the request is signed in, and how. */
export const SessionState = z.object({
  signedIn: z.boolean(),
  via: z.enum(['token', 'session']).optional(),
  expiresAt: z.string().optional(),
});
export type SessionState = z.infer<typeof SessionState>;
