import type { Pool } from 'pg';
import type { MigrationAnswer, MigrationBody, MigrationPreview } from '@hourglass/api';
import { ApiError } from '../apiError.ts';
import { MIGRATION_RUNNING, refused, resolveMigration } from '../migrationPlan.ts';
import { previewMigration, type PreviewReads } from '../migrationPreview.ts';
import { migrationAnswer } from '../migrationRepository.ts';
import type { ApiMigrations } from '../storeApi.ts';
import { timeOrderedId } from '../timeOrderedId.ts';
import type { PgMigrationRepository } from './pgMigrationRepository.ts';
import { pgTransaction } from './pgTransaction.ts';
import { NOTIFY_INBOX } from './pgWakeups.ts';

/** Enrolments queued per slice: one inbox row each, in one statement and transaction. */
const SLICE = 2000;

/**
 * The next slice of a migration's enrolments into the inbox, one `migrate` row each (by id, byte
 * by byte as JavaScript compares ids), with where it got to and how many it queued, in one
 * statement; idle workers are told at commit.
 */
const QUEUE_SLICE = `
  WITH slice AS (
    SELECT id, contact_id FROM enrolments
    WHERE flow_id = $2 AND version = $3 AND status = 'active' AND ($4::text IS NULL OR id COLLATE "C" > $4)
    ORDER BY id COLLATE "C" LIMIT $5
  ), queued AS (
    INSERT INTO inbox (kind, contact_id, at, event)
    SELECT 'migrate', contact_id, $6, json_build_object('kind', 'migrate', 'contactId', contact_id, 'migrationId', $1::text, 'enrolmentId', id)::text
    FROM slice RETURNING n
  )
  UPDATE migrations SET queued = queued + (SELECT count(*) FROM queued), after_id = coalesce((SELECT max(id COLLATE "C") FROM slice), after_id),
    queued_all = (SELECT count(*) FROM slice) < $5
  WHERE id = $1 RETURNING queued_all, ${NOTIFY_INBOX} AS told`;

/** Marks done (or failed, with the first error) every running migration whose rows were all queued and applied. */
const FINISH = `
  UPDATE migrations AS m SET status = CASE WHEN f.error IS NULL THEN 'done' ELSE 'failed' END, error = f.error, finished_at = $1
  FROM (SELECT r.id, (SELECT min(error) FROM migration_counts WHERE migration_id = r.id) AS error FROM migrations AS r
        WHERE r.status = 'running' AND r.queued_all
          AND r.queued <= (SELECT coalesce(sum(applied), 0) FROM migration_counts WHERE migration_id = r.id)) AS f
  WHERE m.id = f.id`;

/**
 * Migrations on PostgreSQL (docs/scale-out.md, "Moving contacts between versions"): the request
 * records the migration, queues its enrolments in the shared inbox in slices — one row per
 * enrolment, applied by whichever worker holds its contact, in line with the contact's other
 * inputs, and counted in `migration_counts` in the transaction that applies it — and answers
 * once every row is applied. Where the queueing got to is in the migration's row, so a
 * migration whose worker died mid-way is taken up by any other (`sweep`, every second).
 */
export class PgMigrationRunner implements ApiMigrations {
  constructor(
    private readonly options: {
      pool: Pool;
      now: () => number;
      reads: PreviewReads;
      migrations: PgMigrationRepository;
      /** Waits until `busy` says no, the workers told there is work (pollUntil). */
      until: (busy: () => Promise<boolean>) => Promise<void>;
      /** Enrolments queued per slice (default 2,000; tests take fewer). */
      slice?: number;
    },
  ) {}

  preview(flowId: string, body: MigrationBody): Promise<MigrationPreview> {
    return previewMigration(this.options.reads, flowId, body, this.options.now());
  }

  async start(flowId: string, body: MigrationBody): Promise<MigrationAnswer> {
    const { migrations, until } = this.options;
    const id = await this.begin(flowId, body);
    await this.queue(id);
    let done: Awaited<ReturnType<typeof migrations.get>>;
    await until(async () => {
      await this.finish();
      done = await migrations.get(id);
      return done?.status === 'running';
    });
    if (!done) throw new ApiError(409, 'The flow was deleted while its contacts were being moved.');
    return migrationAnswer(done);
  }

  /** Records a migration as running, none of its enrolments queued yet; refused (422) with its problems. Answers its id. */
  async begin(flowId: string, body: MigrationBody): Promise<string> {
    const { pool, now, reads } = this.options;
    const { plan, problems } = await resolveMigration(reads, flowId, body);
    if (!plan) throw refused(problems);
    const at = now();
    const id = timeOrderedId(at);
    try {
      await pool.query('INSERT INTO migrations (id, flow_id, from_version, to_version, map, unmapped, started_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        id,
        flowId,
        plan.from,
        plan.to,
        JSON.stringify(plan.map),
        plan.unmapped,
        at,
      ]);
    } catch (e) {
      // Another worker started one of this flow a moment ago (one running per flow: migrations_running).
      if ((e as { code?: string }).code === '23505') throw refused([MIGRATION_RUNNING]);
      throw e;
    }
    return id;
  }

  /** Queues a migration's slices until every enrolment is queued (another process may queue some of them meanwhile). */
  private async queue(id: string): Promise<void> {
    for (;;) {
      const step = await this.queueSlice(id);
      if (step === 'queued') return;
      if (step === 'busy') await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /**
   * Queues one slice in one transaction that holds the migration's row: two processes queueing
   * one migration take turns, each after the last id the other committed, so every enrolment is
   * queued once. 'busy' when another holds the row now.
   */
  queueSlice(id: string): Promise<'more' | 'queued' | 'busy'> {
    return pgTransaction(this.options.pool, async (client) => {
      const { rows } = await client.query<{ flow_id: string; from_version: number; after_id: string | null }>(
        `SELECT flow_id, from_version, after_id FROM migrations WHERE id = $1 AND status = 'running' AND NOT queued_all FOR UPDATE SKIP LOCKED`,
        [id],
      );
      const m = rows[0];
      if (!m) {
        const left = await client.query(`SELECT 1 FROM migrations WHERE id = $1 AND status = 'running' AND NOT queued_all`, [id]);
        return left.rows.length ? 'busy' : 'queued';
      }
      const slice = this.options.slice ?? SLICE;
      const queued = await client.query<{ queued_all: boolean }>(QUEUE_SLICE, [id, m.flow_id, m.from_version, m.after_id, slice, this.options.now()]);
      return queued.rows[0]!.queued_all ? 'queued' : 'more';
    });
  }

  /** Marks the migrations whose every row is applied done (or failed). */
  async finish(): Promise<void> {
    await this.options.pool.query(FINISH, [this.options.now()]);
  }

  /** Takes up the queueing of every migration a stopped worker left half queued, and finishes those all applied. */
  async sweep(): Promise<void> {
    const { rows } = await this.options.pool.query<{ id: string }>(`SELECT id FROM migrations WHERE status = 'running' AND NOT queued_all ORDER BY n`);
    for (const { id } of rows) await this.queue(id);
    await this.finish();
  }
}
