// For tests: a file's own PostgreSQL schema with a synchronous connection to it (SyncPg).
import { afterAll, beforeAll } from 'vitest';
import { createTestSchema, type TestSchema } from './pgTestSchema.ts';
import { SyncPg } from './syncPgStore.ts';

/**
 * Makes a test schema and a SyncPg on it before the file's tests, hands both to `take`, and
 * closes and drops them after.
 */
export function useSyncPgSchema(take: (made: { schema: TestSchema; db: SyncPg }) => void): void {
  let made: { schema: TestSchema; db: SyncPg } | undefined;
  beforeAll(async () => {
    const schema = await createTestSchema();
    made = { schema, db: new SyncPg(schema.url, schema.schema) };
    take(made);
  });
  afterAll(async () => {
    made?.db.close();
    await made?.schema.drop();
  });
}
