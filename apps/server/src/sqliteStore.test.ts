import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readFlow, readScenario, readScoring } from '@hourglass/documents';
import { simulate } from '@hourglass/engine';
import { storeContract, testEnrolment } from '@hourglass/engine/testing';
import type { Database } from 'better-sqlite3';
import { freshDatabase } from './db/freshDatabase.ts';
import { SqliteStore } from './sqliteStore.ts';
import { longHistoryStatements } from './longHistory.ts';
import { simulateOn } from './simulateOn.ts';
import { scenarioCases } from '../../../test/fixtures.ts';

const read = (f: string) => JSON.parse(readFileSync(f, 'utf8'));
// Throws, naming the folder, when the fixtures are missing: never a suite of zero cases.
const cases = scenarioCases().map(({ dir, name }) => ({ dir, name: `${name}.scenario.json` }));

let db: Database;
afterEach(() => db?.close());

// Every store passes the one contract; each database is closed after its test.
const databases = new WeakMap<object, Database>();
storeContract(
  'SqliteStore',
  () => {
    const d = freshDatabase();
    const store = new SqliteStore(d);
    databases.set(store, d);
    return store;
  },
  { close: (store) => databases.get(store)?.close() },
);

describe('SqliteStore', () => {
  it.each(cases)('runs $name through the engine to the same trace as the in-memory simulator', ({ dir, name }) => {
    const base = name.split('/')[1]!.replace('.scenario.json', '');
    const named = join(dir, `${base.split('.')[0]}.flow.json`);
    const flow = readFlow(read(existsSync(named) ? named : join(dir, 'flow.json'))).value!;
    const scenario = readScenario(read(join(dir, `${base}.scenario.json`))).value!;
    const scoring = existsSync(join(dir, 'scoring.json')) ? readScoring(read(join(dir, 'scoring.json'))).value : undefined;
    db = freshDatabase();
    expect(simulateOn(new SqliteStore(db), flow, scenario, scoring)).toEqual(simulate({ flow, scenario, scoring }).trace);
  });

  it("keeps an enrolment's timers and its wake-up instant right when one transaction saves it again and again", () => {
    db = freshDatabase();
    const store = new SqliteStore(db);
    const timer = (id: string, wakeAt: number) => ({ id, enrolmentId: 'e1', event: id.toUpperCase(), wakeAt });
    store.putEnrolment(testEnrolment('e1', [timer('t1', 100), timer('t2', 200)]));
    store.transaction(() => {
      const e = store.getEnrolment('e1')!;
      store.putEnrolment(e); // the timers it was read with
      const moved = { ...e, timers: [e.timers[1]!, timer('t1', 300)] };
      store.putEnrolment(moved);
      store.putEnrolment({ ...moved, timers: [timer('t1', 300)] });
      store.dropTimer(timer('t1', 300));
      store.putEnrolment({ ...moved, timers: [timer('t1', 300), timer('t5', 50)] });
    });
    expect(store.dueTimers(1000, 10).map((t) => [t.id, t.wakeAt])).toEqual([
      ['t5', 50],
      ['t1', 300],
    ]);
    expect(db.prepare("SELECT wake_at, json_array_length(timers) AS n FROM enrolments WHERE id = 'e1'").get()).toEqual({ wake_at: 50, n: 2 });
    expect(store.nextTimerAt()).toBe(50);
  });

  it("reads a long history's windows from the index by type and instant alone, without sorting", () => {
    db = freshDatabase();
    const q = longHistoryStatements(db);
    const plan = (source: string, ...args: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('; ');
    const first = plan(q.tail!.source, 'c', 't', 16);
    const next = plan(q.tailBefore!.source, 'c', 't', 5, 5, 9, 64);
    expect(first).toMatch(/USING COVERING INDEX events_by_contact_type \(contact_id=\? AND type=\?\)/);
    expect(next).toMatch(/USING COVERING INDEX events_by_contact_type \(contact_id=\? AND type=\? AND at<\?\)/);
    for (const p of [first, next]) expect(p).not.toMatch(/TEMP B-TREE/);
    expect(plan(q.groups!.source, 'c', 't')).toMatch(/USING PRIMARY KEY \(contact_id=\? AND type=\?\)/);
  });

  it('keeps counters of identical events with every event recorded, rolled back with it', () => {
    db = freshDatabase();
    const store = new SqliteStore(db);
    store.transaction(() => {
      for (const at of [3, 1, 2]) store.addEvent({ contactId: 'c', at, type: 'click', data: { email: 'welcome' } });
      store.addEvent({ contactId: 'c', at: 4, type: 'click', data: {} });
    });
    expect(() =>
      store.transaction(() => {
        store.addEvent({ contactId: 'c', at: 9, type: 'click', data: {} });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.prepare('SELECT data, count, last_at FROM event_counts ORDER BY data').all()).toEqual([
      { data: '{"email":"welcome"}', count: 3, last_at: 3 },
      { data: '{}', count: 1, last_at: 4 },
    ]);
  });
});
