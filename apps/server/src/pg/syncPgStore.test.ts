import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFlow, readScenario, readScoring } from '@hourglass/documents';
import { simulate } from '@hourglass/engine';
import { storeContract } from '@hourglass/engine/testing';
import { scenarioCases } from '../../../../test/fixtures.ts';
import { TRUNCATE_RUNTIME, type TestSchema } from './pgTestSchema.ts';
import { simulateOn } from '../simulateOn.ts';
import { SyncPg, SyncPgStore } from './syncPgStore.ts';
import { useSyncPgSchema } from './useSyncPgSchema.ts';

let schema: TestSchema;
let db: SyncPg;
useSyncPgSchema((made) => ({ schema, db } = made));

/** A new, empty store: the test schema emptied. */
function freshStore(): SyncPgStore {
  db.run([{ text: TRUNCATE_RUNTIME }]);
  return new SyncPgStore(db);
}

// The one contract every store passes, here through the reads, unit of work and commit of the PostgreSQL workers.
storeContract('PostgreSQL (SyncPgStore)', freshStore, { historyRuns: 40 });

const read = (f: string) => JSON.parse(readFileSync(f, 'utf8'));

describe('SyncPgStore', () => {
  const cases = scenarioCases().map(({ dir, name }) => ({ dir, name: `${name}.scenario.json` }));
  it.each(cases)('runs $name through the engine to the same trace as the in-memory simulator', ({ dir, name }) => {
    const base = name.split('/')[1]!.replace('.scenario.json', '');
    const named = join(dir, `${base.split('.')[0]}.flow.json`);
    const flow = readFlow(read(existsSync(named) ? named : join(dir, 'flow.json'))).value!;
    const scenario = readScenario(read(join(dir, `${base}.scenario.json`))).value!;
    const scoring = existsSync(join(dir, 'scoring.json')) ? readScoring(read(join(dir, 'scoring.json'))).value : undefined;
    expect(simulateOn(freshStore(), flow, scenario, scoring)).toEqual(simulate({ flow, scenario, scoring }).trace);
  });
});

describe('SyncPgStore beside the workers', () => {
  it("holds each contact it reads, as a worker's batch does, until its transaction ends", () => {
    const store = freshStore();
    const other = new SyncPg(schema.url, schema.schema);
    const tryLock = () => other.run([{ text: "SELECT pg_try_advisory_xact_lock(hashtextextended('c', hashtext(current_schema()))) AS got" }])[0]![0]!.got;
    try {
      store.transaction(() => {
        store.getContact('c');
        expect(tryLock()).toBe(false);
      });
      expect(tryLock()).toBe(true);
    } finally {
      other.close();
    }
  });
});
