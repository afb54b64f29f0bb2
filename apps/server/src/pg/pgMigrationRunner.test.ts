import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFlow, type Flow } from '@hourglass/documents';
import { readFixture } from '../../../../test/fixtures.ts';
import { PgApiWorkspace } from './pgApiWorkspace.ts';
import { PgLockedChanges } from './pgLockedChanges.ts';
import { PgMigrationRunner } from './pgMigrationRunner.ts';
import { pgPreviewReads } from './pgPreviewReads.ts';
import { PgRepositories } from './pgRepositories.ts';
import { createTestSchema, type TestSchema } from './pgTestSchema.ts';
import { PgWorker } from './pgWorker.ts';
import { pgPublish } from './pgWorkspace.ts';
import { pollUntil } from './pollUntil.ts';

const CONTACTS = 600;
const v1 = readFlow(readFixture('whitepaper-nurture', 'flow.json')).value!;
// Version 2 says something else in the reminder a contact gets when it did not click.
const v2: Flow = { ...v1, nodes: v1.nodes.map((n) => (n.id === 'reminder' ? { ...n, config: { ...n.config, subject: 'Version 2 reminder' } } : n)) } as Flow;
const now = Date.parse('2026-03-02T09:00:00Z');

let schema: TestSchema;
beforeAll(async () => {
  schema = await createTestSchema();
});
afterAll(async () => {
  await schema?.drop();
});

const q = async (text: string) => (await schema.pool.query(text)).rows;
const worker = () => new PgWorker({ pool: schema.pool, now: () => now, log: () => {}, batchContacts: 40 });
/** Runs `step`, waking `w`, until migration `id` is no longer running. */
const untilEnded = (id: string, step: () => Promise<unknown>, w: PgWorker) =>
  pollUntil(
    async () => {
      await step();
      return (await q(`SELECT status FROM migrations WHERE id = '${id}'`))[0].status === 'running';
    },
    () => w.kick(),
  );

/** A runner as one process has it: over its own view of the workspace, waiting for the workers it is told of. */
function runner(workers: PgWorker[]) {
  const repos = new PgRepositories(schema.pool);
  const clock = { now: () => now };
  const workspace = new PgApiWorkspace(schema.pool, repos, clock, new PgLockedChanges(schema.pool));
  return new PgMigrationRunner({
    pool: schema.pool,
    now: clock.now,
    reads: pgPreviewReads(schema.pool, { workspace, enrolments: repos.enrolments, migrations: repos.migrations }),
    migrations: repos.migrations,
    until: (busy) => pollUntil(busy, () => workers.forEach((w) => w.kick())),
    slice: 100,
  });
}

/** Version 1 published, the contacts waiting in it, version 2 published. */
async function waiting() {
  await schema.truncate();
  await pgPublish.flow(schema.pool, v1, null, now);
  const filler = worker();
  // The contacts download the whitepaper and wait three days for a click.
  await filler.accept(Array.from({ length: CONTACTS }, (_, i) => ({ id: `f${i}`, contactId: `c${i}`, type: 'form_submitted', data: { form: 'whitepaper' } })));
  while ((await filler.runBatch()) > 0);
  await pgPublish.flow(schema.pool, v2, null, now);
}

/** Each enrolment in version 2, moved once: one step each saying where it came from; nothing left in the inbox. */
async function expectMovedOnce() {
  expect(await q('SELECT version, count(*)::int AS n FROM enrolments GROUP BY 1')).toEqual([{ version: 2, n: CONTACTS }]);
  expect(await q('SELECT count(*)::int AS n, count(DISTINCT enrolment_id)::int AS e FROM steps WHERE migrated_from IS NOT NULL')).toEqual([
    { n: CONTACTS, e: CONTACTS },
  ]);
  expect(await q('SELECT count(*)::int AS n FROM inbox')).toEqual([{ n: 0 }]);
  expect(await q(`SELECT queued::int, (SELECT sum(applied)::int FROM migration_counts) AS applied FROM migrations`)).toEqual([
    { queued: CONTACTS, applied: CONTACTS },
  ]);
}

describe('a migration on PostgreSQL', () => {
  it('is applied by two workers at once, each enrolment moved exactly once, and answered once all are', async () => {
    await waiting();
    const workers = [worker(), worker()];
    await Promise.all(workers.map((w) => w.start()));
    try {
      const answer = await runner(workers).start(v1.id, { from: 1, to: 2, unmapped: 'stay' });
      expect(answer).toMatchObject({ status: 'done', moved: CONTACTS, goal: 0, stayed: 0, exited: 0 });
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    await expectMovedOnce();
  });

  it('moves every enrolment exactly once through the workers, taken up by another process after the one that began it stopped', async () => {
    await waiting();
    const first = worker();
    // One process begins the migration and queues one slice, then stops.
    const id = await runner([]).begin(v1.id, { from: 1, to: 2, unmapped: 'stay' });
    expect(await runner([]).queueSlice(id)).toBe('more');
    expect(await q("SELECT count(*)::int AS n FROM inbox WHERE kind = 'migrate'")).toEqual([{ n: 100 }]);

    // A worker applies some of it and stops; a second worker and another process's sweep do the rest.
    await first.start();
    await pollUntil(
      async () => (await q("SELECT count(*)::int AS n FROM inbox WHERE kind = 'migrate'"))[0].n === 100,
      () => first.kick(),
    );
    await first.stop();
    const second = worker();
    await second.start();
    const other = runner([second]);
    try {
      await untilEnded(id, () => other.sweep(), second);
    } finally {
      await second.stop();
    }

    await expectMovedOnce();
    const [m] = await new PgRepositories(schema.pool).migrations.ofFlow(v1.id);
    expect(m).toMatchObject({ id, status: 'done', moved: CONTACTS, goal: 0, stayed: 0, exited: 0, error: null });
  });

  it('still ends when a contact is erased while its move waits in the inbox, the others moved', async () => {
    await waiting();
    const begun = runner([]);
    const id = await begun.begin(v1.id, { from: 1, to: 2, unmapped: 'stay' });
    while ((await begun.queueSlice(id)) !== 'queued');
    expect(await new PgLockedChanges(schema.pool).eraseContact('c7')).toBe(true);
    const w = worker();
    await w.start();
    try {
      await untilEnded(id, () => begun.finish(), w);
    } finally {
      await w.stop();
    }
    const [m] = await new PgRepositories(schema.pool).migrations.ofFlow(v1.id);
    expect(m).toMatchObject({ status: 'done', moved: CONTACTS - 1 });
    expect(await q('SELECT version, count(*)::int AS n FROM enrolments GROUP BY 1')).toEqual([{ version: 2, n: CONTACTS - 1 }]);
  });
});
