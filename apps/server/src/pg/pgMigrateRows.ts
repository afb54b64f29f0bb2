import type { PoolClient } from 'pg';
import { z } from 'zod';
import { migrateEnrolment, type EnrolmentMove, type Engine, type MigrationPlan, type NodeMap, type Unmapped } from '@hourglass/engine';
import type { InboxRow } from './batchInputs.ts';
import type { Query } from './pgReads.ts';
import type { UnitOfWork } from './unitOfWork.ts';

// A migration on PostgreSQL moves each enrolment as an input of its contact: one inbox row per
// enrolment (kind `migrate`), queued in slices by PgMigrationRunner and applied by whichever
// worker holds the contact, in line with the contact's other inputs (docs/scale-out.md).

/** One enrolment of a migration, as its inbox row holds it. */
export const MigrateEntry = z.object({
  kind: z.literal('migrate'),
  contactId: z.string(),
  migrationId: z.string(),
  enrolmentId: z.string(),
});
export type MigrateEntry = z.infer<typeof MigrateEntry>;

const entryOf = (row: InboxRow) => (row.kind === 'migrate' ? (JSON.parse(row.event) as MigrateEntry | null) : null);

/** The plans of the migrations a batch's rows name, read once per worker: a plan never changes. */
export class MigrationPlans {
  private readonly known = new Map<string, MigrationPlan | null>();

  async readFor(client: Pick<PoolClient, 'query'>, rows: readonly InboxRow[]): Promise<ReadonlyMap<string, MigrationPlan>> {
    const ids = new Set(rows.flatMap((r) => entryOf(r)?.migrationId ?? []));
    const missing = [...ids].filter((id) => !this.known.has(id));
    if (missing.length) {
      const read = await client.query<{ id: string; flow_id: string; from_version: number; to_version: number; map: string; unmapped: string }>(
        'SELECT id, flow_id, from_version, to_version, map, unmapped FROM migrations WHERE id = ANY($1)',
        [missing],
      );
      // A migration deleted with its flow: its rows move nobody.
      for (const id of missing) this.known.set(id, null);
      for (const r of read.rows)
        this.known.set(r.id, {
          flowId: r.flow_id,
          from: r.from_version,
          to: r.to_version,
          map: JSON.parse(r.map) as NodeMap,
          unmapped: r.unmapped as Unmapped,
        });
    }
    return new Map([...ids].flatMap((id) => (this.known.get(id) ? [[id, this.known.get(id)!] as const] : [])));
  }
}

/** The versions a batch's moves and migrations go to: read before the engine runs, as the versions its enrolments run. */
export function versionsNamed(rows: readonly InboxRow[], plans: ReadonlyMap<string, MigrationPlan>): [string, number][] {
  const versions: [string, number][] = [...plans.values()].flatMap((p): [string, number][] => [
    [p.flowId, p.from],
    [p.flowId, p.to],
  ]);
  for (const row of rows) {
    if (row.kind !== 'move') continue;
    const move = JSON.parse(row.event) as { flowId?: string; version?: number } | null;
    if (move?.flowId && move.version !== undefined) versions.push([move.flowId, move.version]);
  }
  return versions;
}

/** What a batch did with migrations' rows, per migration, written with its commit (`migration_counts`). */
export class MigrationTally {
  private readonly counts = new Map<string, { applied: number; moved: number; goal: number; stayed: number; exited: number; error: string | null }>();

  private of(id: string) {
    let c = this.counts.get(id);
    if (!c) this.counts.set(id, (c = { applied: 0, moved: 0, goal: 0, stayed: 0, exited: 0, error: null }));
    return c;
  }

  /** A row applied (its outcome, if it moved anything); every row of a migration counts, so the migration sees when all are. */
  add(id: string, outcome: EnrolmentMove | undefined) {
    const c = this.of(id);
    c.applied++;
    if (outcome === 'goal') c.moved++;
    if (outcome) c[outcome]++;
  }

  /** A row that failed: the contact stays where it was, and the migration ends failed with the first error. */
  failed(id: string, error: string) {
    const c = this.of(id);
    c.applied++;
    c.error ??= error;
  }

  queries(): Query[] {
    if (this.counts.size === 0) return [];
    const rows = [...this.counts];
    return [
      {
        text: `INSERT INTO migration_counts (migration_id, applied, moved, goal, stayed, exited, error)
               SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::text[])`,
        values: [rows.map(([id]) => id), ...(['applied', 'moved', 'goal', 'stayed', 'exited', 'error'] as const).map((k) => rows.map(([, c]) => c[k]))],
      },
    ];
  }
}

/**
 * Moves one enrolment as migrateSlice does: one no longer active in the plan's old version (it
 * ended, or was moved meanwhile) is left alone; one on an unmapped node stays or leaves the flow.
 */
export function migrateOne(engine: Engine, unit: UnitOfWork, plan: MigrationPlan, enrolmentId: string, at: number): EnrolmentMove | undefined {
  const e = unit.getEnrolment(enrolmentId);
  if (!e || e.flowId !== plan.flowId || e.version !== plan.from || e.status !== 'active') return undefined;
  return unit.transaction(() => migrateEnrolment(engine, plan, e, at));
}
