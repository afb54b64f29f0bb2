import { apiRoutes, type ApiAnswer, type ApiCallOptions, type ApiRouteName } from '@hourglass/api';
import type { Problem } from '@hourglass/documents';
import { storedToken } from './authToken.ts';

/** An answer of the server that is not a success, with its sentence and problems (docs/api.md). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: Problem[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** A body that is not JSON (a CSV file), sent as is with its content type. */
  raw?: { type: string; text: string };
  signal?: AbortSignal;
}

const FALLBACK: Record<number, string> = {
  401: 'You are not signed in. Open a sign-in link (npm run sign-in-link on the server prints one).',
  404: 'This was not found. It may have been deleted.',
  413: 'This is too large to send.',
};

/**
 * Calls one route of the API by its name in the table of @hourglass/api, so the path parameters,
 * query, body and answer are checked against the server's contract at compile time.
 */
export function apiCall<N extends ApiRouteName>(
  name: N,
  ...[options]: {} extends ApiCallOptions<N> ? [options?: ApiCallOptions<N>] : [options: ApiCallOptions<N>]
): Promise<ApiAnswer<N>> {
  const route = apiRoutes[name];
  const {
    params = {},
    query = {},
    body,
    raw,
    signal,
  } = (options ?? {}) as {
    params?: Record<string, string | number>;
    query?: Record<string, string | number | boolean | undefined>;
    body?: unknown;
    raw?: string;
    signal?: AbortSignal;
  };
  const path = route.path.replace(/\{(\w+)\}/g, (_m, key: string) => encodeURIComponent(String(params[key])));
  const search = new URLSearchParams(
    Object.entries(query).flatMap(([key, value]) => (value === undefined || value === '' ? [] : [[key, String(value)]])),
  ).toString();
  return apiFetch<ApiAnswer<N>>(search ? `${path}?${search}` : path, {
    method: route.method,
    body,
    signal,
    ...(raw !== undefined && 'rawBody' in route ? { raw: { type: `${route.rawBody}; charset=utf-8`, text: raw } } : {}),
  });
}

/** Calls the Hourglass API: JSON in and out, the cookie (or the dev token) for sign-in. */
async function apiFetch<T>(path: string, { method, body, raw, signal }: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (raw) headers['Content-Type'] = raw.type;
  const token = storedToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      signal,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : raw ? { body: raw.text } : {}),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'The Hourglass server cannot be reached. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const data = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
    const message = typeof data.error === 'string' ? data.error : (FALLBACK[response.status] ?? `The server could not do this (status ${response.status}).`);
    throw new ApiError(response.status, message, Array.isArray(data.problems) ? (data.problems as Problem[]) : [], data);
  }
  return json as T;
}

/** A sentence for any error, for the marketer: never a stack trace. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
