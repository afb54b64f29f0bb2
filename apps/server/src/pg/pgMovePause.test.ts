import { beforeEach, describe, expect, it } from 'vitest';
import { readFlow, type Flow } from '@hourglass/documents';
import { Engine, migrateAll, nodeMap } from '@hourglass/engine';
import { readFixture } from '../../../../test/fixtures.ts';
import type { TestSchema } from './pgTestSchema.ts';
import { PgWorker } from './pgWorker.ts';
import { pgPublish } from './pgWorkspace.ts';
import { SyncPgStore, type SyncPg } from './syncPgStore.ts';
import { useSyncPgSchema } from './useSyncPgSchema.ts';

let schema: TestSchema;
let db: SyncPg;
useSyncPgSchema((made) => ({ schema, db } = made));

const DAY = 86_400_000;
const v1 = readFlow(readFixture('whitepaper-nurture', 'flow.json')).value!;
// Version 2 says something else in the reminder a contact gets when it did not click.
const v2: Flow = { ...v1, nodes: v1.nodes.map((n) => (n.id === 'reminder' ? { ...n, config: { ...n.config, subject: 'Version 2 reminder' } } : n)) } as Flow;
const clock = { now: 0 };
let worker: PgWorker;

async function settle() {
  while ((await worker.runBatch()) > 0);
}
const q = async (text: string) => (await schema.pool.query(text)).rows;
const subjects = async () => (await q("SELECT subject, count(*)::int AS n FROM emails WHERE node = 'reminder' GROUP BY 1")).map((r) => [r.subject, r.n]);

/** The engine of a tool or route beside the workers: the store every worker uses, through one connection. */
function sideEngine() {
  const engine = new Engine({ store: new SyncPgStore(db, () => clock.now) });
  engine.addFlow(v1, 1);
  engine.addFlow(v2, 2);
  return engine;
}

beforeEach(async () => {
  await schema.truncate();
  clock.now = Date.parse('2026-03-02T09:00:00Z');
  worker = new PgWorker({ pool: schema.pool, now: () => clock.now, log: () => {} });
  await pgPublish.flow(schema.pool, v1, null, clock.now);
  // Five contacts download the whitepaper and wait three days for a click.
  await worker.accept(Array.from({ length: 5 }, (_, i) => ({ id: `f${i}`, contactId: `c${i}`, type: 'form_submitted', data: { form: 'whitepaper' } })));
  await settle();
});

describe('Moving contacts and pausing a flow on PostgreSQL', () => {
  it("moves a version's waiting contacts to the next one slice by slice, and the workers go on in the new version", async () => {
    await pgPublish.flow(schema.pool, v2, null, clock.now);
    const engine = sideEngine();
    const moved = migrateAll(engine, { flowId: v1.id, from: 1, to: 2, map: nodeMap(v1, v2), unmapped: 'stay' }, clock.now, 2);
    expect(moved).toMatchObject({ moved: 5, exited: 0 });
    expect(await q('SELECT version, count(*)::int AS n FROM enrolments GROUP BY 1')).toEqual([{ version: 2, n: 5 }]);
    expect(await q('SELECT count(*)::int AS n FROM steps WHERE migrated_from IS NOT NULL')).toEqual([{ n: 5 }]);
    clock.now += 4 * DAY;
    await settle();
    expect(await subjects()).toEqual([['Version 2 reminder', 5]]);
  });

  it("holds a paused flow's timers from every worker, and fires them once resumed", async () => {
    const engine = sideEngine();
    engine.store.transaction(() => engine.pause(v1.id, clock.now));
    clock.now += 4 * DAY;
    await settle();
    expect(await subjects()).toEqual([]);
    expect(await q('SELECT count(*)::int AS n FROM enrolments WHERE wake_at IS NULL AND wake_seq IS NOT NULL')).toEqual([{ n: 5 }]);
    engine.store.transaction(() => engine.resume(v1.id, clock.now));
    await settle();
    expect(await subjects()).toEqual([['Did you get a chance to read it?', 5]]);
  });
});
