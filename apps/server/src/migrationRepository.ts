import type { Database, Statement } from 'better-sqlite3';
import type { NodeMap, SliceOutcome, Unmapped } from '@hourglass/engine';
import type { MigrationAnswer } from '@hourglass/api';

export type MigrationStatus = 'running' | 'done' | 'failed';

/** A migration as stored (migration 13): its plan, where its slices got to, and its counts. */
export interface MigrationRow {
  id: string;
  flowId: string;
  from: number;
  to: number;
  map: NodeMap;
  unmapped: Unmapped;
  status: MigrationStatus;
  /** The last enrolment id a committed slice read: the next slice starts after it. */
  afterId: string | null;
  moved: number;
  goal: number;
  stayed: number;
  exited: number;
  error: string | null;
  startedAt: number;
  finishedAt: number | null;
}

/** A migration as POST …/migrations answers it once done. */
export const migrationAnswer = (m: MigrationRow): MigrationAnswer => ({
  migration: m.id,
  status: m.status,
  moved: m.moved,
  goal: m.goal,
  stayed: m.stayed,
  exited: m.exited,
});

/** A row of `migrations` as both stores read it. */
export interface MigrationDbRow {
  id: string;
  flow_id: string;
  from_version: number;
  to_version: number;
  map: string;
  unmapped: string;
  status: string;
  after_id: string | null;
  moved: number;
  goal: number;
  stayed: number;
  exited: number;
  error: string | null;
  started_at: number;
  finished_at: number | null;
}

export const toMigration = (r: MigrationDbRow): MigrationRow => ({
  id: r.id,
  flowId: r.flow_id,
  from: r.from_version,
  to: r.to_version,
  map: JSON.parse(r.map) as NodeMap,
  unmapped: r.unmapped as Unmapped,
  status: r.status as MigrationStatus,
  afterId: r.after_id,
  moved: r.moved,
  goal: r.goal,
  stayed: r.stayed,
  exited: r.exited,
  error: r.error,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/** Migrations of flows: created, advanced slice by slice in the slice's own transaction, listed. */
export class MigrationRepository {
  private readonly q: Record<string, Statement>;

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      create: p(`INSERT INTO migrations (id, flow_id, from_version, to_version, map, unmapped, status, started_at)
                 VALUES (?, ?, ?, ?, ?, ?, 'running', ?)`),
      get: p('SELECT * FROM migrations WHERE id = ?'),
      ofFlow: p('SELECT * FROM migrations WHERE flow_id = ? ORDER BY n DESC LIMIT ?'),
      running: p(`SELECT * FROM migrations WHERE status = 'running' ORDER BY n`),
      progress: p(`UPDATE migrations SET after_id = ?, moved = moved + ?, goal = goal + ?, stayed = stayed + ?, exited = exited + ?,
                     status = CASE WHEN ? THEN 'done' ELSE status END, finished_at = CASE WHEN ? THEN ? ELSE finished_at END
                   WHERE id = ?`),
      fail: p(`UPDATE migrations SET status = 'failed', error = ?, finished_at = ? WHERE id = ?`),
      deleteOfFlow: p('DELETE FROM migrations WHERE flow_id = ?'),
    };
  }

  create(m: Pick<MigrationRow, 'id' | 'flowId' | 'from' | 'to' | 'map' | 'unmapped' | 'startedAt'>): void {
    this.q.create!.run(m.id, m.flowId, m.from, m.to, JSON.stringify(m.map), m.unmapped, m.startedAt);
  }

  get(id: string): MigrationRow | undefined {
    const row = this.q.get!.get(id) as MigrationDbRow | undefined;
    return row && toMigration(row);
  }

  /** A flow's migrations, newest first. */
  ofFlow(flowId: string, limit = 100): MigrationRow[] {
    return (this.q.ofFlow!.all(flowId, limit) as MigrationDbRow[]).map(toMigration);
  }

  /** Migrations a stop interrupted (or still running), oldest first. */
  running(): MigrationRow[] {
    return (this.q.running!.all() as MigrationDbRow[]).map(toMigration);
  }

  /** Records what a slice did, in the slice's transaction; the last slice marks it done. */
  progress(id: string, o: SliceOutcome, at: number): void {
    const done = o.done ? 1 : 0;
    this.q.progress!.run(o.last, o.moved, o.goal, o.stayed, o.exited, done, done, at, id);
  }

  fail(id: string, error: string, at: number): void {
    this.q.fail!.run(error, at, id);
  }

  deleteOfFlow(flowId: string): void {
    this.q.deleteOfFlow!.run(flowId);
  }
}
