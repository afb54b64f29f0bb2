// For tests: a PostgreSQL worker serving the API on a port of its own, over a schema of its own.
import { readConfig } from '../config.ts';
import { answerOf, type Answer } from '../testApp.ts';
import { startPgServer, type RunningPgServer } from './startPgServer.ts';
import type { TestSchema } from './pgTestSchema.ts';

export const PG_TEST_TOKEN = 'pg-test-token-of-at-least-32-characters';

export interface PgTestServer {
  server: RunningPgServer;
  /** Calls the API with the token; `body` is sent as JSON unless it is a string or bytes (sent as they are). */
  call<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer<T>>;
  close(): Promise<void>;
}

/** Starts a worker on `schema` (PORT 0: any free port); `env` adds settings such as HOURGLASS_CLOCK=manual; `repoRoot` has the `workflows/` a new workspace is seeded from. */
export async function startPgTestServer(schema: TestSchema, env: Record<string, string> = {}, repoRoot?: string): Promise<PgTestServer> {
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    HOURGLASS_DB: schema.url,
    HOURGLASS_PG_SCHEMA: schema.schema,
    HOURGLASS_TOKEN: PG_TEST_TOKEN,
    HOURGLASS_BUILD: 'none',
    ...env,
  });
  const server = await startPgServer(config, { log: () => {}, ...(repoRoot ? { repoRoot } : {}) });
  const call = async <T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> => {
    const r = await fetch(`http://127.0.0.1:${server.port}${path}`, {
      redirect: 'manual',
      method,
      headers: { Authorization: `Bearer ${PG_TEST_TOKEN}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body) } : {}),
    });
    return answerOf<T>(r);
  };
  return { server, call, close: () => server.close() };
}
