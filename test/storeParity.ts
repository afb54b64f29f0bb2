// Runs one session of requests on SQLite and on PostgreSQL and compares the answers: the parity
// tests of the API (test/pg-*-parity.test.ts) share it.
import { afterAll, beforeAll, expect } from 'vitest';
import { createTestSchema, type TestSchema } from '../apps/server/src/pg/pgTestSchema.ts';
import { PG_TEST_TOKEN, startPgTestServer, type PgTestServer } from '../apps/server/src/pg/pgTestServer.ts';
import { TEST_TOKEN, createTestApp, type Answer, type TestApp } from '../apps/server/src/testApp.ts';

/** Calls the API of one store. */
export type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Answer>;

/** One request's label, status and body. */
export type Labelled = [label: string, status: number, body: unknown];

/**
 * A session of requests: it records each answer under a label with `step`, or with `note` an
 * answer of its own making (a part of a body that is the same on both stores, say).
 */
export type ParitySession = (call: Call, token: string, step: Step, note: (...answer: Labelled) => void) => Promise<void>;
export type Step = (label: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Answer>;

/** Answers with what differs by nature between two runs — ids made by the server, session expiry instants — replaced. */
export function comparable(answers: Labelled[], more: (json: string) => string = (json) => json): Labelled[] {
  return JSON.parse(
    more(
      JSON.stringify(answers)
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
        .replace(/"expiresAt":"[^"]+"/g, '"expiresAt":"<instant>"'),
    ),
  );
}

/** Runs `session` against one store's `call`, recording every answer. */
export async function record(call: Call, token: string, session: ParitySession): Promise<Labelled[]> {
  const out: Labelled[] = [];
  await session(
    call,
    token,
    async (label, method, path, body, headers) => {
      const r = await call(method, path, body, headers);
      out.push([label, r.status, r.body ?? r.text]);
      return r;
    },
    (...answer) => out.push(answer),
  );
  return out;
}

/** Both stores, each fresh, with the manual clock. */
export interface BothStores {
  schema: TestSchema;
  pg: PgTestServer;
  sqlite: TestApp;
  close(): Promise<void>;
}

async function startBothStores(): Promise<BothStores> {
  const schema = await createTestSchema();
  const pg = await startPgTestServer(schema, { HOURGLASS_CLOCK: 'manual', HOURGLASS_PUBLIC_URL: 'http://localhost' });
  const sqlite = createTestApp({ manualClock: true });
  return {
    schema,
    pg,
    sqlite,
    close: async () => {
      await pg.close();
      await schema.drop();
      await sqlite.close();
    },
  };
}

/** Starts both stores before the file's tests, hands them to `take`, and closes them after. */
export function useBothStores(take: (stores: BothStores) => void): void {
  let stores: BothStores | undefined;
  beforeAll(async () => {
    stores = await startBothStores();
    take(stores);
  });
  afterAll(async () => {
    await stores?.close();
  });
}

/**
 * Runs `session` on both stores and expects every answer on PostgreSQL to equal SQLite's, label
 * by label; answers PostgreSQL's answers by label, for the test to check they say what they should.
 */
export async function expectSameAnswers(
  stores: BothStores,
  session: ParitySession,
  more?: (json: string) => string,
): Promise<Map<string, { status: number; body: any }>> {
  const onSqlite = comparable(await record(stores.sqlite.call, TEST_TOKEN, session), more);
  const onPg = comparable(await record(stores.pg.call, PG_TEST_TOKEN, session), more);
  expect(onPg.length, 'requests on PostgreSQL').toBe(onSqlite.length);
  for (const [i, [label, status, body]] of onSqlite.entries()) expect(onPg[i], label).toEqual([label, status, body]);
  return new Map(onPg.map(([label, status, body]) => [label, { status, body: body as any }]));
}
