import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgCommands } from './pgCommands.ts';
import { PgLockedChanges } from './pgLockedChanges.ts';
import { createTestSchema, type TestSchema } from './pgTestSchema.ts';

let schema: TestSchema;
beforeAll(async () => {
  schema = await createTestSchema();
});
afterAll(async () => {
  await schema?.drop();
});

const count = async (sql: string) => (await schema.pool.query<{ n: number }>(sql)).rows[0]!.n;

describe('erasing a contact on PostgreSQL', () => {
  it('waits for the worker holding the contact, and answers a change still waiting for it that the contact was erased', async () => {
    const { pool } = schema;
    await pool.query(`INSERT INTO contacts (id, stage, properties, updated_at) VALUES ('c-1', 'lead', '{}', 1), ('c-2', 'lead', '{}', 1)`);
    await pool.query(`INSERT INTO events (seq, contact_id, at, type, data) VALUES (1, 'c-1', 1, 'signup', '{}'), (2, 'c-2', 1, 'signup', '{}')`);
    // No worker runs: the contact update waits in the inbox.
    const waiting = new PgCommands(
      pool,
      () => Date.now(),
      () => {},
    ).send({ kind: 'contactUpdate', contactId: 'c-1', changes: { stage: 'customer' } });
    while ((await count(`SELECT count(*)::int AS n FROM inbox WHERE contact_id = 'c-1'`)) === 0) await new Promise((r) => setTimeout(r, 5));

    // A worker's batch holds the contact's lock: the erasure waits for it.
    const worker = await pool.connect();
    await worker.query('BEGIN');
    await worker.query(`SELECT pg_try_advisory_xact_lock(hashtextextended('c-1', hashtext(current_schema())))`);
    let done = false;
    const erasing = new PgLockedChanges(pool).eraseContact('c-1').then((erased) => ((done = true), erased));
    // Waiting for that lock, and not done.
    while (
      (await count(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
             AND ((classid::bigint << 32) | objid::bigint) = hashtextextended('c-1', hashtext(current_schema()))`)) === 0
    )
      await new Promise((r) => setTimeout(r, 5));
    expect(done).toBe(false);
    await worker.query('COMMIT');
    worker.release();

    expect(await erasing).toBe(true);
    await expect(waiting).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/erased/) });
    expect(await count(`SELECT count(*)::int AS n FROM contacts WHERE id = 'c-1'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM events WHERE contact_id = 'c-1'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM inbox`)).toBe(0);
    // Nobody else's data goes with it.
    expect(await count(`SELECT count(*)::int AS n FROM events WHERE contact_id = 'c-2'`)).toBe(1);
    expect(await new PgLockedChanges(pool).eraseContact('c-1')).toBe(false);
  });
});
