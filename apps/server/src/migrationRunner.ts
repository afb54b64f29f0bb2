import { migrateSlice, type Engine } from '@hourglass/engine';
import type { MigrationAnswer, MigrationBody, MigrationPreview } from '@hourglass/api';
import { ApiError } from './apiError.ts';
import type { Clock } from './clock.ts';
import { refused, resolveMigration } from './migrationPlan.ts';
import { previewMigration, sampledFrom, type PreviewReads } from './migrationPreview.ts';
import { migrationAnswer, type MigrationRow } from './migrationRepository.ts';
import type { Repositories } from './repositories.ts';
import type { ApiMigrations } from './storeApi.ts';
import { timeOrderedId } from './timeOrderedId.ts';

/**
 * Enrolments one slice moves, in one transaction; between slices the server answers requests. A
 * slice takes about as long as a batch of inputs (a tenth of a second); fewer commits (each
 * syncs the log) make a migration faster.
 */
const MIGRATION_SLICE = 2000;

/** What the runner needs of the runtime: the line of inputs, due timers, the engine, the commit hook. */
export interface MigrationHost {
  readonly repos: Repositories;
  readonly clock: Clock;
  engine(): Engine;
  /** Runs `run` at its place in line, after every input accepted before it. */
  inLine<T>(run: () => T): Promise<T>;
  fireDueTimers(until: number): number;
  committed(): void;
  log(message: string): void;
}

/** What previews and migrations read of the SQLite store: its repositories and the runtime's engine. */
function sqlitePreviewReads(repos: Repositories, engine: () => Engine): PreviewReads {
  return {
    versionFlow: (flowId, version) => engine().runtimeOf(flowId, version)?.flow,
    waitingInVersion: (flowId, version) => repos.enrolments.waitingInVersion(flowId, version),
    migrating: (flowId) => repos.migrations.running().some((m) => m.flowId === flowId),
    waitingOn: (flowId, version, node, limit) => repos.enrolments.waitingOn(flowId, version, node, limit),
    sampled: (id, events) => sampledFrom(repos.store, id, events),
    scoring: () => engine().scoring,
  };
}

/**
 * Runs migrations (docs/semantics.md, "Migrations") as part of the runtime: each slice is a job in
 * the line of inputs (`inLine`), so it neither overtakes an input accepted before it nor is
 * overtaken, and timers due by its instant fire first. A slice is one transaction that moves its
 * enrolments and records, in the migration's row, the last id it read and its counts; a migration a
 * stop or a crash interrupted is taken up at the next start (`resume`) after that id, so each
 * enrolment is moved exactly once.
 */
export class MigrationRunner implements ApiMigrations {
  /** Migrations running in this process, so a second run of one is never started. */
  private readonly running = new Map<string, Promise<MigrationRow>>();
  private readonly reads: PreviewReads;

  constructor(private readonly host: MigrationHost) {
    this.reads = sqlitePreviewReads(host.repos, () => host.engine());
  }

  /** What the migration would do, with a sample of its contacts simulated before and after (nothing is written). */
  preview(flowId: string, body: MigrationBody): Promise<MigrationPreview> {
    return previewMigration(this.reads, flowId, body, this.host.clock.now());
  }

  /** Starts a migration and answers once it is done; 422 with its problems when refused. */
  async start(flowId: string, body: MigrationBody): Promise<MigrationAnswer> {
    const { repos, clock } = this.host;
    const { plan, problems } = await resolveMigration(this.reads, flowId, body);
    if (!plan) throw refused(problems);
    const now = clock.now();
    const id = timeOrderedId(now);
    repos.store.transaction(() =>
      repos.migrations.create({ id, flowId, from: plan.from, to: plan.to, map: plan.map, unmapped: plan.unmapped, startedAt: now }),
    );
    return migrationAnswer(await this.run(id));
  }

  /** Takes up every migration a stop left running (at start-up); they go on in the background. */
  resume(): void {
    for (const m of this.host.repos.migrations.running()) {
      this.run(m.id).catch((e: unknown) => this.host.log(`Migration ${m.id} of flow "${m.flowId}" could not go on: ${(e as Error).message}`));
    }
  }

  /** Runs a migration's slices in line until it is done or failed. */
  run(id: string): Promise<MigrationRow> {
    let found = this.running.get(id);
    if (!found) {
      found = this.slices(id).finally(() => this.running.delete(id));
      this.running.set(id, found);
    }
    return found;
  }

  private async slices(id: string): Promise<MigrationRow> {
    for (;;) {
      const m = await this.host.inLine(() => this.slice(id));
      if (m.status !== 'running') return m;
    }
  }

  /** One slice, at its place in line: due timers first, then up to a slice of enrolments in one transaction with the progress. */
  private slice(id: string): MigrationRow {
    const { repos, clock } = this.host;
    const m = repos.migrations.get(id);
    if (!m) throw new ApiError(409, 'The flow was deleted while its contacts were being moved.');
    if (m.status !== 'running') return m;
    const at = clock.now();
    this.host.fireDueTimers(at);
    const plan = { flowId: m.flowId, from: m.from, to: m.to, map: m.map, unmapped: m.unmapped };
    try {
      migrateSlice(this.host.engine(), plan, m.afterId, MIGRATION_SLICE, at, (o) => repos.migrations.progress(id, o, at));
    } catch (e) {
      // What a slice did is rolled back whole; the migration stops there, visibly, rather than retrying for ever.
      const message = e instanceof Error ? e.message : String(e);
      this.host.log(`Migration ${id} of flow "${m.flowId}" failed: ${message}`);
      repos.store.transaction(() => repos.migrations.fail(id, message, at));
    }
    this.host.committed();
    return repos.migrations.get(id)!;
  }
}
