import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { z } from 'zod';
import { parseJson, problemsFromZod } from '@hourglass/documents';
import { ApiError, badRequest } from './apiError.ts';

/**
 * The request body as text. Under @hono/node-server a body with a Content-Length (already
 * checked against the limit by `limitBody`) is read from Node's request stream directly, rather
 * than through the web Request and stream the adapter would build for it.
 */
async function bodyText(c: Context): Promise<string> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || c.req.header('content-length') === undefined || c.req.header('transfer-encoding')) return c.req.text();
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Refuses a body not labelled JSON with 415. A form on another site can send text/plain (or a
 * form encoding) without the browser asking first; it cannot send application/json.
 */
function assertJsonType(c: Context): void {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json' || (type?.startsWith('application/') && type.endsWith('+json'))) return;
  throw new ApiError(415, `The request body must be JSON, sent with "Content-Type: application/json"${type ? `, not "${type}"` : ''}.`);
}

/** Reads the request body as JSON; malformed JSON is a 400 with the parser's reason. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await bodyText(c);
  if (text.trim() === '') throw badRequest('The request needs a JSON body.');
  assertJsonType(c);
  const parsed = parseJson(text);
  if (!parsed.ok) throw badRequest(parsed.problem.message.replace('This file is', 'The request body is'), [parsed.problem]);
  return parsed.value;
}

/** Reads the body as JSON or, when there is none, as `{}` (bodies that are all optional). */
export async function readOptionalJson(c: Context): Promise<unknown> {
  const text = await bodyText(c);
  if (text.trim() === '') return {};
  assertJsonType(c);
  const parsed = parseJson(text);
  if (!parsed.ok) throw badRequest(parsed.problem.message.replace('This file is', 'The request body is'), [parsed.problem]);
  return parsed.value;
}

/** Checks a value against an API schema; a mismatch is a 400 listing every problem with its pointer. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what = 'The request'): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  // At the root there is no field name to speak of: say what the whole body should be.
  const problems = problemsFromZod(r.error.issues, value, () => undefined).map((p) =>
    p.pointer === '' && p.code === 'wrong-type' ? { ...p, message: `${what} must be a JSON object.` } : p,
  );
  const shown = problems
    .slice(0, 3)
    .map((p) => `${p.pointer || '/'}: ${p.message}`)
    .join('; ');
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more problems)` : '';
  throw badRequest(`${what} is not valid. ${shown}${more}`, problems);
}

/** The query string checked against a schema. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return parseWith(schema, c.req.query(), 'The query');
}
