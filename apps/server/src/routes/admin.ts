import { Hono } from 'hono';
import { parseInstant } from '@hourglass/documents';
import { conflict } from '../apiError.ts';
import { ClockBody, type ClockAnswer } from '@hourglass/api';
import { iso } from '../apiViews.ts';
import type { AppDeps } from '../appDeps.ts';
import { ClockError, type ManualClock } from '../clock.ts';
import { parseWith, readJson } from '../requestBody.ts';

/**
 * The test clock (only with HOURGLASS_CLOCK=manual): sets or moves the clock, fires every timer
 * due by then and answers once they have fired and their emails have left the outbox.
 */
export function adminRoutes({ runtime, drainOutbox }: AppDeps, clock: ManualClock) {
  const app = new Hono();

  app.post('/clock', async (c) => {
    const { now } = parseWith(ClockBody, await readJson(c));
    const at = parseInstant(now)!;
    try {
      clock.set(at);
    } catch (e) {
      if (e instanceof ClockError) throw conflict(e.message);
      throw e;
    }
    const fired = await runtime.fireDueTimers(at);
    await drainOutbox?.();
    const answer: ClockAnswer = { now: iso(at), fired };
    return c.json(answer);
  });

  return app;
}
