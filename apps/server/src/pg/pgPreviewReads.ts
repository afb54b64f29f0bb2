import type { Pool } from 'pg';
import { sampledFrom, type PreviewReads } from '../migrationPreview.ts';
import type { ApiWorkspace } from '../storeApi.ts';
import { PgEngineReads } from './pgEngineReads.ts';
import type { PgEnrolmentRepository } from './pgEnrolmentRepository.ts';
import type { PgMigrationRepository } from './pgMigrationRepository.ts';

/**
 * What a migration's preview and start read on PostgreSQL: the versions and the scoring model
 * from the workspace, the counts from the enrolments, and each sampled contact read in one
 * snapshot through a unit of work (PgEngineReads), as a worker reads it.
 */
export function pgPreviewReads(
  pool: Pool,
  parts: { workspace: ApiWorkspace; enrolments: PgEnrolmentRepository; migrations: PgMigrationRepository },
): PreviewReads {
  const { workspace, enrolments, migrations } = parts;
  const engineReads = new PgEngineReads(pool);
  return {
    versionFlow: (flowId, version) => workspace.versionFlow(flowId, version),
    waitingInVersion: (flowId, version) => enrolments.waitingInVersion(flowId, version),
    migrating: (flowId) => migrations.migrating(flowId),
    waitingOn: (flowId, version, node, limit) => enrolments.waitingOn(flowId, version, node, limit),
    sampled: (id, events) => engineReads.inSnapshot((unit) => sampledFrom(unit, id, events)),
    scoring: () => workspace.scoring(),
  };
}
