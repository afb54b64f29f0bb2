import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgCommands } from './pgCommands.ts';
import { createTestSchema, type TestSchema } from './pgTestSchema.ts';
import { PgWorker } from './pgWorker.ts';

let schema: TestSchema;
let other: PgWorker;
beforeAll(async () => {
  schema = await createTestSchema();
  // The only worker running: the one that queues the commands below has none of its own.
  other = new PgWorker({ pool: schema.pool, id: 'other', log: () => {} });
  await other.start();
});
afterAll(async () => {
  await other?.stop();
  await schema?.drop();
});

describe('commands on PostgreSQL', () => {
  it('are answered once applied, by whichever worker applied them', async () => {
    const commands = new PgCommands(
      schema.pool,
      () => Date.now(),
      () => other.kick(),
    );
    const created = await commands.send({ kind: 'contactUpdate', contactId: 'c-1', changes: { email: 'a@example.com' } });
    expect(created).toMatchObject({ created: true, contact: { id: 'c-1', email: 'a@example.com', stage: 'subscriber' } });
    const updated = await commands.send({ kind: 'contactUpdate', contactId: 'c-1', changes: { stage: 'lead' } });
    expect(updated).toMatchObject({ created: false, contact: { id: 'c-1', stage: 'lead' } });
    // Each answer is taken by the request that waited for it.
    expect((await schema.pool.query('SELECT count(*)::int AS n FROM command_answers')).rows[0].n).toBe(0);
  });

  it('throw the error a command failed with', async () => {
    const commands = new PgCommands(
      schema.pool,
      () => Date.now(),
      () => other.kick(),
    );
    await expect(commands.send({ kind: 'feedback', contactId: 'c-1', handoffId: 'h-1', verdict: 'accepted' })).rejects.toThrow(/not handled on PostgreSQL yet/);
  });
});
