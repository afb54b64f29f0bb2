// `npm run sign-in-link` with HOURGLASS_DB=postgres://…: the code goes into the database every
// worker shares, and the printed link signs in (once) on a worker, without the API token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../apps/server/src/pg/pgTestSchema.ts';
import { startPgTestServer, type PgTestServer } from '../apps/server/src/pg/pgTestServer.ts';
import { signInLinkCommand, type CommandOutcome } from '../apps/server/src/signInLinkCommand.ts';

let schema: TestSchema;
let worker: PgTestServer;
beforeAll(async () => {
  schema = await createTestSchema();
  worker = await startPgTestServer(schema);
});
afterAll(async () => {
  await worker?.close();
  await schema?.drop();
});

/** Runs `npm run sign-in-link`'s command with HOURGLASS_DB and the schema, and no token (its process is tested on SQLite, signInLink.test.ts). */
function signInLink(env: Record<string, string>): Promise<CommandOutcome> {
  const { HOURGLASS_TOKEN: _, ...rest } = process.env;
  return signInLinkCommand([], { ...rest, ...env });
}

describe('npm run sign-in-link on PostgreSQL', () => {
  it('prints a link that signs in once on a worker, without the token', async () => {
    const { out, err } = await signInLink({ HOURGLASS_DB: schema.url, HOURGLASS_PG_SCHEMA: schema.schema, PORT: String(worker.server.port) });
    expect(err).toBe('');
    const url = out.match(/http:\/\/localhost:\d+\/\?code=[\w-]{43}/)?.[0];
    expect(url, out).toBeDefined();
    const first = await fetch(url!.replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    expect(first.status).toBe(302);
    const cookie = first.headers
      .getSetCookie()
      .find((c) => c.startsWith('hourglass_session='))!
      .split(';')[0]!;
    const flows = await fetch(`http://127.0.0.1:${worker.server.port}/api/flows`, { headers: { Cookie: cookie } });
    expect(flows.status).toBe(200);
    const again = await fetch(url!.replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    expect(again.status).toBe(401);
  });

  it('says to start a worker first when the schema has no tables, and exits with 1', async () => {
    const { code, out, err } = await signInLink({ HOURGLASS_DB: schema.url, HOURGLASS_PG_SCHEMA: 'hg_no_such_schema' });
    expect({ code, out }).toEqual({ code: 1, out: '' });
    expect(err).toMatch(/^hourglass: There are no Hourglass tables in this database \(schema hg_no_such_schema\): start a worker first/);
  });
});
