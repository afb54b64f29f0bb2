import type { PoolClient } from 'pg';
import { SCORING_FORMAT, readScoring, validateFlow, type Flow, type ScoringModel } from '@hourglass/documents';
import { Engine, type Store } from '@hourglass/engine';
import { timeOrderedId } from '../timeOrderedId.ts';

const EMPTY_SCORING: ScoringModel = { format: SCORING_FORMAT, fit: [], behaviour: [] };

/** The latest version of each flow, and the scoring model (a row of its own): what every batch reads first. */
export const LIVE = `SELECT v.flow_id, v.version, (SELECT value FROM settings WHERE key = 'scoring') AS scoring
  FROM (SELECT flow_id, max(version) AS version FROM flow_versions GROUP BY flow_id) AS v
  UNION ALL SELECT NULL, NULL, (SELECT value FROM settings WHERE key = 'scoring') ORDER BY 1`;
export interface LiveRow {
  flow_id: string | null;
  version: number | null;
  scoring: string | null;
}

/**
 * What every worker reads of the workspace from the database, not from its own memory: the
 * latest published version of each flow, any version an enrolment runs, and the scoring model.
 * Published versions never change, so they are parsed and compiled once per worker; which
 * version is live and the scoring model are read again at the start of every batch (one small
 * query), so a version published through any worker is live on all of them from their next batch.
 */
export class PgWorkspace {
  private readonly parsed = new Map<string, Flow | null>();
  private liveKey = '';
  private scoringText: string | null | undefined;
  private current: Engine | undefined;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly log: (message: string) => void,
  ) {}

  /** The engine with the flows live and the scoring model as the database has them now. */
  async refresh(client: PoolClient): Promise<Engine> {
    return this.refreshFrom(client, (await client.query<LiveRow>(LIVE)).rows);
  }

  /** `refresh` from the rows of `LIVE` read beforehand (with other statements, in one round trip). */
  async refreshFrom(client: PoolClient, rows: readonly LiveRow[]): Promise<Engine> {
    const scoring = rows[0]?.scoring ?? null;
    const live = rows.filter((r): r is LiveRow & { flow_id: string; version: number } => r.flow_id !== null);
    const key = live.map((r) => `${r.flow_id}@${r.version}`).join(',');
    if (this.current && key === this.liveKey && scoring === this.scoringText) return this.current;
    const missing = live.filter((r) => !this.parsed.has(`${r.flow_id}@${r.version}`));
    if (missing.length)
      await this.readVersions(
        client,
        missing.map((r) => [r.flow_id, r.version]),
      );
    // A fresh engine whenever the live flows change: a deleted flow's numbers can come back with other content.
    const engine = new Engine({
      store: this.store,
      scoring: this.readScoring(scoring),
      newId: () => timeOrderedId(this.now()),
      loadVersion: (flowId, version) => this.parsed.get(`${flowId}@${version}`) ?? undefined,
    });
    for (const r of live) {
      const flow = this.parsed.get(`${r.flow_id}@${r.version}`);
      if (flow) engine.addFlow(flow, r.version, true);
      else this.log(`Flow "${r.flow_id}" version ${r.version} no longer parses; new contacts cannot enter it.`);
    }
    this.current = engine;
    this.liveKey = key;
    this.scoringText = scoring;
    return engine;
  }

  /** Whether a version has a split node (a version not read counts as having one). */
  hasSplit(flowId: string, version: number): boolean {
    const flow = this.parsed.get(`${flowId}@${version}`);
    return !flow || flow.nodes.some((n) => n.type === 'split');
  }

  /**
   * Reads the versions that enrolments of these contacts run and that were not parsed yet (an
   * older version than the live one), so the engine's `loadVersion` answers without waiting.
   */
  async readVersionsOf(client: PoolClient, versions: Iterable<[string, number]>): Promise<void> {
    const missing = [...versions].filter(([f, v]) => !this.parsed.has(`${f}@${v}`));
    if (missing.length) await this.readVersions(client, missing);
  }

  private async readVersions(client: PoolClient, versions: [string, number][]) {
    const { rows } = await client.query<{ flow_id: string; version: number; flow: string }>(
      'SELECT v.flow_id, v.version, v.flow FROM flow_versions AS v JOIN unnest($1::text[], $2::int[]) AS w(flow_id, version) USING (flow_id, version)',
      [versions.map(([f]) => f), versions.map(([, v]) => v)],
    );
    for (const [f, v] of versions) this.parsed.set(`${f}@${v}`, null);
    for (const r of rows) this.parsed.set(`${r.flow_id}@${r.version}`, validateFlow(JSON.parse(r.flow)).flow ?? null);
  }

  private readScoring(text: string | null): ScoringModel {
    if (!text) return EMPTY_SCORING;
    const r = readScoring(JSON.parse(text));
    return r.ok ? r.value : EMPTY_SCORING;
  }
}

/** Publishes a flow version and the scoring model in the database (what the API's publish does on PostgreSQL). */
export const pgPublish = {
  async flow(client: Pick<PoolClient, 'query'>, flow: Flow, note: string | null, at: number): Promise<number> {
    const { rows } = await client.query<{ version: number }>(
      `INSERT INTO flow_versions (flow_id, version, flow, published_at, note)
       SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4 FROM flow_versions WHERE flow_id = $1 RETURNING version`,
      [flow.id, JSON.stringify(flow), at, note],
    );
    return rows[0]!.version;
  },
  async scoring(client: Pick<PoolClient, 'query'>, model: ScoringModel): Promise<void> {
    await client.query("INSERT INTO settings (key, value) VALUES ('scoring', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [
      JSON.stringify(model),
    ]);
  },
};
