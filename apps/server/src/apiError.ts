import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Problem } from '@hourglass/documents';

/**
 * A request the API refuses, with its status and a sentence for the person using it. The app's
 * one error handler turns it into `{"error", "problems"?, ...extra}`; nothing else reaches the
 * client, never a stack trace.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly problems?: Problem[],
    readonly extra: Record<string, unknown> = {},
    /** Headers the answer carries, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, problems?: Problem[]) => new ApiError(400, message, problems);
export const notFound = (message: string) => new ApiError(404, message);
export const conflict = (message: string, extra: Record<string, unknown> = {}) => new ApiError(409, message, undefined, extra);
export const invalidDocument = (message: string, problems: Problem[]) => new ApiError(422, message, problems);
