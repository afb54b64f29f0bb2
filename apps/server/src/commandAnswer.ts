import { ApiError } from './apiError.ts';

/** A command's outcome as stored for the request that waits for it (PostgreSQL's `command_answers`). */
type Stored = { ok: unknown } | { error: string; status?: number; problems?: unknown; extra?: Record<string, unknown> };

/** A command's outcome, or the error it failed with, as JSON text. */
export function encodeAnswer(outcome: unknown): string {
  if (outcome instanceof ApiError) {
    const stored: Stored = {
      error: outcome.message,
      status: outcome.status,
      extra: outcome.extra,
      ...(outcome.problems ? { problems: outcome.problems } : {}),
    };
    return JSON.stringify(stored);
  }
  if (outcome instanceof Error) return JSON.stringify({ error: outcome.message } satisfies Stored);
  return JSON.stringify({ ok: outcome ?? null } satisfies Stored);
}

/** The outcome again, or the error (an ApiError keeps its status) to throw. */
export function decodeAnswer(text: string): { ok: true; value: unknown } | { ok: false; error: Error } {
  const stored = JSON.parse(text) as Stored;
  if ('ok' in stored) return { ok: true, value: stored.ok };
  if (stored.status === undefined) return { ok: false, error: new Error(stored.error) };
  return { ok: false, error: new ApiError(stored.status as ApiError['status'], stored.error, stored.problems as ApiError['problems'], stored.extra) };
}
