import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import { ApiError } from '../apiError.ts';
import { ContactImportQuery } from '@hourglass/api';
import type { AppDeps } from '../appDeps.ts';
import { importContacts } from '../contactImporter.ts';
import { parseQuery } from '../requestBody.ts';

/** The import route's path: its body limit is its own (`MAX_IMPORT_BYTES`), not the API's. */
export const CONTACT_IMPORT_PATH = '/api/contacts/import';
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** `POST /api/contacts/import`: contacts from a CSV file (campaign spec §4). Mounted before the contacts router. */
export function contactImportRoutes({ runtime }: AppDeps) {
  const app = new Hono();
  app.post('/import', async (c) => {
    const { dryRun, key } = parseQuery(c, ContactImportQuery);
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    const [media, ...params] = type.split(';').map((s) => s.trim());
    if (media !== 'text/csv') throw new ApiError(415, 'Send the file as CSV, with Content-Type: text/csv.');
    const charset = params
      .find((p) => p.startsWith('charset='))
      ?.slice('charset='.length)
      .replace(/"/g, '');
    if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new ApiError(422, 'The file is not UTF-8; save it as CSV UTF-8.');
    return c.json(await importContacts(runtime, await bodyBytes(c), { key, dryRun }));
  });
  return app;
}

/** The raw body: from Node's stream when served by @hono/node-server (the size is already checked). */
async function bodyBytes(c: Context): Promise<Uint8Array> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || c.req.header('content-length') === undefined || c.req.header('transfer-encoding')) {
    return new Uint8Array(await c.req.arrayBuffer());
  }
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
