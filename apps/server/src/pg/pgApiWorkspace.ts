import type { Pool } from 'pg';
import { triggerOverlaps, type Flow, type LiveFlow, type Problem, type ScoringModel, type Trace, type TriggerOverlap } from '@hourglass/documents';
import type { ScoreSplit } from '@hourglass/engine';
import type { Clock } from '../clock.ts';
import { EMAIL_SETTINGS_KEY, emailSettingsOf, type EmailSettings } from '../emailSettings.ts';
import { knownPropertyNames } from '../knownProperties.ts';
import type { ApiWorkspace } from '../storeApi.ts';
import type { PublishOutcome } from '../workspace.ts';
import { SCORING_KEY, draftProblems, liveFlowsOf, publishDecision, runnable, scoringOf, variableProblems } from '../workspaceRules.ts';
import { PgEngineReads } from './pgEngineReads.ts';
import type { PgLockedChanges } from './pgLockedChanges.ts';
import type { PgRepositories } from './pgRepositories.ts';

/**
 * The workspace on PostgreSQL: the same documents and rules as `Workspace` on SQLite
 * (workspaceRules.ts), read from and written to the database every worker shares. It keeps no
 * engine of its own: the workers read the live versions and the scoring model at each batch
 * (PgWorkspace), so what is published or set here is live on every worker from its next batch.
 */
export class PgApiWorkspace implements ApiWorkspace {
  private readonly engineReads: PgEngineReads;

  constructor(
    private readonly pool: Pool,
    private readonly repos: PgRepositories,
    private readonly clock: Clock,
    private readonly changes: PgLockedChanges,
  ) {
    this.engineReads = new PgEngineReads(pool);
  }

  async hasFlow(flowId: string): Promise<boolean> {
    return (await this.repos.flows.get(flowId)) !== undefined;
  }

  async problemsOf(draft: unknown): Promise<Problem[]> {
    return draftProblems(draft, await this.known());
  }

  private async known(): Promise<string[] | null> {
    return knownPropertyNames(this.repos, await this.scoring());
  }

  async saveDraft(id: string, draft: Record<string, unknown>): Promise<{ problems: Problem[]; updatedAt: number; created: boolean }> {
    const now = this.clock.now();
    const created = await this.repos.flows.save(id, draft, now);
    return { problems: await this.problemsOf(draft), updatedAt: now, created };
  }

  async publish(flowId: string, note: string | null): Promise<PublishOutcome | undefined> {
    const row = await this.repos.flows.get(flowId);
    if (!row) return undefined;
    const decision = publishDecision(row.draft, await this.liveFlow(flowId));
    switch (decision.kind) {
      case 'problems':
        return { published: false, reason: 'problems', problems: decision.problems.concat(variableProblems(row.draft, await this.known())) };
      case 'unchanged':
        return { published: false, reason: 'unchanged', version: decision.version };
      case 'publish':
        break;
    }
    const publishedAt = this.clock.now();
    // The next number in the statement that takes it: two workers publishing at once cannot both take one.
    const { rows } = await this.pool.query<{ version: number }>(
      `INSERT INTO flow_versions (flow_id, version, flow, published_at, note)
       SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4 FROM flow_versions WHERE flow_id = $1 RETURNING version`,
      [flowId, JSON.stringify(row.draft), publishedAt, note],
    );
    return { published: true, version: rows[0]!.version, publishedAt, note };
  }

  /** Deletes a flow with its versions; refused (the number enrolled) while contacts are in it, unless `removeEnrolments`. */
  async deleteFlow(flowId: string, removeEnrolments: boolean): Promise<{ deleted: boolean; enrolled: number }> {
    if (!(await this.hasFlow(flowId))) return { deleted: false, enrolled: 0 };
    const enrolled = await this.repos.enrolments.activeCount(flowId);
    if (enrolled > 0 && !removeEnrolments) return { deleted: false, enrolled };
    await this.changes.deleteFlow(flowId);
    return { deleted: true, enrolled };
  }

  private async liveFlow(flowId: string): Promise<LiveFlow | undefined> {
    const version = await this.repos.flows.latestVersion(flowId);
    const flow = version === null ? undefined : await this.versionFlow(flowId, version);
    return version !== null && flow ? { version, flow } : undefined;
  }

  async liveFlows(): Promise<Map<string, LiveFlow>> {
    return liveFlowsOf(await this.repos.flows.latestPublished());
  }

  async versionFlow(flowId: string, version: number): Promise<Flow | undefined> {
    return runnable((await this.repos.flows.version(flowId, version))?.flow);
  }

  async triggerOverlaps(flowId: string): Promise<TriggerOverlap[]> {
    const row = await this.repos.flows.get(flowId);
    const draft = row && runnable(row.draft);
    return draft ? triggerOverlaps(draft, [...(await this.liveFlows()).values()]) : [];
  }

  async isLive(flowId: string): Promise<boolean> {
    return (await this.liveFlow(flowId)) !== undefined;
  }

  async saveScenario(flowId: string, name: string, scenario: unknown, expected: unknown): Promise<void> {
    await this.repos.scenarios.put(flowId, name, scenario, expected, this.clock.now());
  }

  deleteScenario(flowId: string, name: string): Promise<boolean> {
    return this.repos.scenarios.delete(flowId, name);
  }

  async saveNotes(flowId: string, notes: readonly unknown[]): Promise<void> {
    await this.repos.flowNotes.put(flowId, notes, this.clock.now());
  }

  async scoring(): Promise<ScoringModel> {
    return scoringOf(await this.repos.settings.get(SCORING_KEY));
  }

  async setScoring(model: ScoringModel): Promise<void> {
    await this.repos.settings.set(SCORING_KEY, JSON.stringify(model));
  }

  async emailSettings(): Promise<EmailSettings> {
    return emailSettingsOf(await this.repos.settings.get(EMAIL_SETTINGS_KEY));
  }

  async setEmailSettings(settings: EmailSettings): Promise<void> {
    await this.repos.settings.set(EMAIL_SETTINGS_KEY, JSON.stringify(settings));
  }

  async scoreOf(contactId: string): Promise<ScoreSplit | undefined> {
    return this.engineReads.scoreOf(await this.scoring(), contactId, this.clock.now());
  }

  async trace(flowId: string, contactId: string): Promise<Trace> {
    return this.engineReads.trace(await this.scoring(), flowId, contactId, this.clock.now());
  }
}
