import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFlow, readScenario, readScoring, type Flow } from '@hourglass/documents';
import { Engine, migrateAll, nodeMap, type Store } from '@hourglass/engine';
import { readFixture, scenarioCases } from '../../../../test/fixtures.ts';
import { freshDatabase } from '../db/freshDatabase.ts';
import { SqliteStore } from '../sqliteStore.ts';
import { TRUNCATE_RUNTIME } from './pgTestSchema.ts';
import { simulateOn } from '../simulateOn.ts';
import { SyncPgStore, type SyncPg } from './syncPgStore.ts';
import { useSyncPgSchema } from './useSyncPgSchema.ts';

let db: SyncPg;
useSyncPgSchema((made) => ({ db } = made));

const read = (f: string) => JSON.parse(readFileSync(f, 'utf8'));
const COUNTS = 'SELECT flow_id, version, day, kind, node, port, count FROM report_counts WHERE count <> 0 ORDER BY flow_id, version, day, kind, node, port';

describe('The flow reports’ counters on PostgreSQL', () => {
  const cases = scenarioCases();
  it.each(cases)('counts $name as SQLite counts it, input for input', ({ dir, base }) => {
    const named = join(dir, `${base.split('.')[0]}.flow.json`);
    const flow = readFlow(read(existsSync(named) ? named : join(dir, 'flow.json'))).value!;
    const scenario = readScenario(read(join(dir, `${base}.scenario.json`))).value!;
    const scoring = existsSync(join(dir, 'scoring.json')) ? readScoring(read(join(dir, 'scoring.json'))).value : undefined;

    // Then what the triggers count: deliveries, one email the mail server refused, sales' verdicts, removals.
    const after = [
      "UPDATE emails SET status = 'sent' WHERE status = 'pending' AND id <> (SELECT max(id) FROM emails)",
      "UPDATE emails SET status = 'failed' WHERE status = 'pending'",
      "UPDATE handoffs SET status = 'accepted'",
      "DELETE FROM enrolments WHERE status = 'active'",
    ];
    const sqlite = freshDatabase();
    simulateOn(new SqliteStore(sqlite), flow, scenario, scoring);
    const expected = [sqlite.prepare(COUNTS).all()];
    for (const text of after) sqlite.prepare(text).run();
    expected.push(sqlite.prepare(COUNTS).all());
    sqlite.close();

    db.run([{ text: TRUNCATE_RUNTIME }]);
    simulateOn(new SyncPgStore(db), flow, scenario, scoring);
    const [counted] = db.run([{ text: COUNTS }]);
    const [triggered] = db.run([...after.map((text) => ({ text })), { text: COUNTS }]).slice(-1);
    expect([counted, triggered]).toEqual(expected);
  });

  it('counts something in every case where SQLite does (the comparison above is not of two empty tables)', () => {
    const kinds = new Set<string>();
    for (const { dir, base } of cases) {
      const named = join(dir, `${base.split('.')[0]}.flow.json`);
      const flow = readFlow(read(existsSync(named) ? named : join(dir, 'flow.json'))).value!;
      const scenario = readScenario(read(join(dir, `${base}.scenario.json`))).value!;
      const scoring = existsSync(join(dir, 'scoring.json')) ? readScoring(read(join(dir, 'scoring.json'))).value : undefined;
      db.run([{ text: TRUNCATE_RUNTIME }]);
      simulateOn(new SyncPgStore(db), flow, scenario, scoring);
      for (const r of db.run([{ text: 'SELECT DISTINCT kind FROM report_counts WHERE count <> 0' }])[0]!) kinds.add(r.kind as string);
    }
    expect([...kinds].sort()).toEqual(['band_open', 'branch_completed', 'enrolled', 'entered', 'handoff_open', 'left', 'status', 'suppressed']);
  });

  it('counts opens, clicks and unsubscribes (the first of each per email once), and a move to another version, as SQLite does', () => {
    const v1 = readFlow(readFixture('whitepaper-nurture', 'flow.json')).value!;
    const v2: Flow = { ...v1, nodes: v1.nodes.map((n) => (n.id === 'reminder' ? { ...n, label: 'Reminder 2' } : n)) } as Flow;
    const T = Date.parse('2026-03-02T09:00:00Z');
    const H = 3_600_000;
    const run = (store: Store) => {
      const engine = new Engine({ store });
      engine.addFlow(v1, 1);
      for (const contactId of ['a', 'b']) {
        engine.ingest({ contactId, at: T, type: 'form_submitted', data: { form: 'whitepaper' } });
        engine.ingest({ contactId, at: T + H, type: 'email_opened', data: { flow: v1.id, email: 'welcome' } });
        engine.ingest({ contactId, at: T + 2 * H, type: 'email_opened', data: { flow: v1.id, email: 'welcome' } });
      }
      engine.ingest({ contactId: 'a', at: T + 3 * H, type: 'unsubscribed', data: { flow: v1.id, email: 'welcome' } });
      engine.addFlow(v2, 2);
      migrateAll(engine, { flowId: v1.id, from: 1, to: 2, map: nodeMap(v1, v2), unmapped: 'stay' }, T + 4 * H, 1);
      engine.ingest({ contactId: 'b', at: T + 5 * H, type: 'email_clicked', data: { flow: v1.id, email: 'welcome' } });
      engine.ingest({ contactId: 'b', at: T + 6 * H, type: 'email_clicked', data: { flow: v1.id, email: 'welcome' } });
    };
    const sqlite = freshDatabase();
    run(new SqliteStore(sqlite));
    const expected = sqlite.prepare(COUNTS).all();
    sqlite.close();
    db.run([{ text: TRUNCATE_RUNTIME }]);
    run(new SyncPgStore(db));
    const [counted] = db.run([{ text: COUNTS }]);
    expect(counted).toEqual(expected);
    const kinds = new Set(counted!.map((r) => r.kind));
    for (const kind of ['email_opened', 'unique_email_opened', 'unique_email_clicked', 'unsubscribed']) expect(kinds).toContain(kind);
    expect(counted!.filter((r) => r.kind === 'enrolled').map((r) => [r.version, r.count])).toEqual([[2, 2]]);
  });
});
