import type { Database, Statement } from 'better-sqlite3';

/** A flow's draft as stored: whatever the editor saved, possibly unfinished. */
export interface DraftRow {
  id: string;
  draft: unknown;
  createdAt: number;
  updatedAt: number;
}

/** One published, immutable version of a flow. */
export interface VersionRow {
  flowId: string;
  version: number;
  publishedAt: number;
  note: string | null;
  flow: unknown;
}

/** A `flows` row as both stores read it. */
export interface RawDraft {
  id: string;
  draft: string;
  created_at: number;
  updated_at: number;
}
/** A `flow_versions` row as both stores read it. */
export interface RawVersion {
  flow_id: string;
  version: number;
  published_at: number;
  note: string | null;
  flow: string;
}

export const toDraft = (r: RawDraft): DraftRow => ({ id: r.id, draft: JSON.parse(r.draft), createdAt: r.created_at, updatedAt: r.updated_at });
export const toVersion = (r: RawVersion): VersionRow => ({
  flowId: r.flow_id,
  version: r.version,
  publishedAt: r.published_at,
  note: r.note,
  flow: JSON.parse(r.flow),
});

/** Flow drafts and their published versions in SQLite. */
export class FlowRepository {
  private readonly q: Record<string, Statement>;

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      get: p('SELECT id, draft, created_at, updated_at FROM flows WHERE id = ?'),
      list: p('SELECT id, draft, created_at, updated_at FROM flows ORDER BY updated_at DESC, id'),
      insert: p('INSERT INTO flows (id, draft, created_at, updated_at) VALUES (?, ?, ?, ?)'),
      update: p('UPDATE flows SET draft = ?, updated_at = ? WHERE id = ?'),
      delete: p('DELETE FROM flows WHERE id = ?'),
      deleteVersions: p('DELETE FROM flow_versions WHERE flow_id = ?'),
      deleteReportCounts: p('DELETE FROM report_counts WHERE flow_id = ?'),
      versions: p('SELECT flow_id, version, published_at, note, NULL AS flow FROM flow_versions WHERE flow_id = ? ORDER BY version DESC'),
      version: p('SELECT flow_id, version, published_at, note, flow FROM flow_versions WHERE flow_id = ? AND version = ?'),
      latestNumber: p('SELECT max(version) AS version FROM flow_versions WHERE flow_id = ?'),
      addVersion: p('INSERT INTO flow_versions (flow_id, version, flow, published_at, note) VALUES (?, ?, ?, ?, ?)'),
      latestOfEach: p(`SELECT v.flow_id, v.version, v.published_at, v.note, v.flow FROM flow_versions v
                       JOIN flows f ON f.id = v.flow_id
                       WHERE v.version = (SELECT max(version) FROM flow_versions WHERE flow_id = v.flow_id)
                       ORDER BY v.flow_id`),
    };
  }

  get(id: string): DraftRow | undefined {
    const row = this.q.get!.get(id) as RawDraft | undefined;
    return row && toDraft(row);
  }

  list(): DraftRow[] {
    return (this.q.list!.all() as RawDraft[]).map(toDraft);
  }

  /** Saves a draft; returns whether the flow was created. */
  save(id: string, draft: unknown, now: number): boolean {
    const text = JSON.stringify(draft);
    if (this.q.update!.run(text, now, id).changes > 0) return false;
    this.q.insert!.run(id, text, now, now);
    return true;
  }

  /** Deletes a flow's draft, every published version and its report counters. */
  delete(id: string): void {
    this.q.deleteVersions!.run(id);
    // A flow created again under the same id starts its report from nothing.
    this.q.deleteReportCounts!.run(id);
    this.q.delete!.run(id);
  }

  versions(id: string): Omit<VersionRow, 'flow'>[] {
    return (this.q.versions!.all(id) as RawVersion[]).map((r) => ({ flowId: r.flow_id, version: r.version, publishedAt: r.published_at, note: r.note }));
  }

  version(id: string, version: number): VersionRow | undefined {
    const row = this.q.version!.get(id, version) as RawVersion | undefined;
    return row && toVersion(row);
  }

  /** The newest published version number, or null when the flow was never published. */
  latestVersion(id: string): number | null {
    return (this.q.latestNumber!.get(id) as { version: number | null }).version;
  }

  /** Publishes a flow document as the next version number. */
  addVersion(id: string, flow: unknown, note: string | null, now: number): number {
    const version = (this.latestVersion(id) ?? 0) + 1;
    this.q.addVersion!.run(id, version, JSON.stringify(flow), now, note);
    return version;
  }

  /** The newest version of every published flow: what new contacts enter. */
  latestPublished(): VersionRow[] {
    return (this.q.latestOfEach!.all() as RawVersion[]).map(toVersion);
  }
}
