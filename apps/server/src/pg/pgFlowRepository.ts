import type { Pool } from 'pg';
import { toDraft, toVersion, type DraftRow, type RawDraft, type RawVersion, type VersionRow } from '../flowRepository.ts';
import type { FlowReads } from '../storeApi.ts';

/** Flow drafts and their published versions in PostgreSQL, shared by every worker (as FlowRepository on SQLite). */
export class PgFlowRepository implements FlowReads {
  constructor(private readonly pool: Pool) {}

  async get(id: string): Promise<DraftRow | undefined> {
    const { rows } = await this.pool.query<RawDraft>('SELECT id, draft, created_at, updated_at FROM flows WHERE id = $1', [id]);
    return rows[0] && toDraft(rows[0]);
  }

  async list(): Promise<DraftRow[]> {
    const { rows } = await this.pool.query<RawDraft>('SELECT id, draft, created_at, updated_at FROM flows ORDER BY updated_at DESC, id');
    return rows.map(toDraft);
  }

  /** Saves a draft; returns whether the flow was created. */
  async save(id: string, draft: unknown, now: number): Promise<boolean> {
    const { rows } = await this.pool.query<{ created: boolean }>(
      `INSERT INTO flows (id, draft, created_at, updated_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (id) DO UPDATE SET draft = excluded.draft, updated_at = excluded.updated_at RETURNING (xmax = 0) AS created`,
      [id, JSON.stringify(draft), now],
    );
    return rows[0]!.created;
  }

  async versions(id: string): Promise<Omit<VersionRow, 'flow'>[]> {
    const { rows } = await this.pool.query<Omit<RawVersion, 'flow'>>(
      'SELECT flow_id, version, published_at, note FROM flow_versions WHERE flow_id = $1 ORDER BY version DESC',
      [id],
    );
    return rows.map((r) => ({ flowId: r.flow_id, version: r.version, publishedAt: r.published_at, note: r.note }));
  }

  async version(id: string, version: number): Promise<VersionRow | undefined> {
    const { rows } = await this.pool.query<RawVersion>(
      'SELECT flow_id, version, published_at, note, flow FROM flow_versions WHERE flow_id = $1 AND version = $2',
      [id, version],
    );
    return rows[0] && toVersion(rows[0]);
  }

  async latestVersion(id: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ version: number | null }>('SELECT max(version) AS version FROM flow_versions WHERE flow_id = $1', [id]);
    return rows[0]!.version;
  }

  /** The newest version of every published flow (whose draft still exists): what new contacts enter. */
  async latestPublished(): Promise<VersionRow[]> {
    const { rows } = await this.pool.query<RawVersion>(
      `SELECT DISTINCT ON (v.flow_id) v.flow_id, v.version, v.published_at, v.note, v.flow
       FROM flow_versions v JOIN flows f ON f.id = v.flow_id ORDER BY v.flow_id, v.version DESC`,
    );
    return rows.map(toVersion);
  }
}
