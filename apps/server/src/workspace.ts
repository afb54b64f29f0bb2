import { triggerOverlaps, type Flow, type LiveFlow, type Problem, type ScoringModel, type Trace, type TriggerOverlap } from '@hourglass/documents';
import { Engine, buildTrace, type ScoreSplit } from '@hourglass/engine';
import type { Clock } from './clock.ts';
import { knownPropertyNames } from './knownProperties.ts';
import { readEmailSettings, writeEmailSettings, type EmailSettings } from './emailSettings.ts';
import type { Repositories } from './repositories.ts';
import { timeOrderedId } from './timeOrderedId.ts';
import { SCORING_KEY, draftProblems, liveFlowsOf, publishDecision, runnable, scoringOf, variableProblems } from './workspaceRules.ts';

/**
 * The outcome of publishing a draft: a new version, or refused because the draft has errors or
 * is the live version again (only steps moved on the canvas, if anything).
 */
export type PublishOutcome =
  | { published: true; version: number; publishedAt: number; note: string | null }
  | { published: false; reason: 'problems'; problems: Problem[] }
  | { published: false; reason: 'unchanged'; version: number };

export interface WorkspaceOptions {
  repos: Repositories;
  clock: Clock;
  /** Where problems the server survives are reported (a published version that no longer parses). */
  log: (message: string) => void;
}

export { differs } from './workspaceRules.ts';

/**
 * The workspace's documents — flows with their drafts and versions, saved scenarios, the scoring
 * model and the email settings — and the engine built from them: its published flows and its
 * scoring model. The runtime runs every input through `engine`, read afresh each time, because
 * deleting a flow replaces it.
 */
export class Workspace {
  private readonly repos: Repositories;
  private readonly clock: Clock;
  private readonly log: (message: string) => void;
  private current: Engine;

  constructor(options: WorkspaceOptions) {
    this.repos = options.repos;
    this.clock = options.clock;
    this.log = options.log;
    this.current = this.createEngine();
  }

  /** The engine over the store, with every flow's latest published version and the scoring model. */
  get engine(): Engine {
    return this.current;
  }

  // The engine keeps compiled versions by `flowId@version`; a deleted flow's numbers can come
  // back with other content, so deleting a flow builds a fresh engine (compiling is cached).
  private createEngine(): Engine {
    const { flows } = this.repos;
    const engine = new Engine({
      store: this.repos.store,
      scoring: this.scoring(),
      // Time-ordered ids keep enrolment, email and handoff inserts at the end of their indexes.
      newId: () => timeOrderedId(this.clock.now()),
      loadVersion: (flowId, version) => {
        const row = flows.version(flowId, version);
        return row && runnable(row.flow);
      },
    });
    for (const v of flows.latestPublished()) {
      const flow = runnable(v.flow);
      if (flow) engine.addFlow(flow, v.version, true);
      else this.log(`Flow "${v.flowId}" version ${v.version} no longer parses; new contacts cannot enter it.`);
    }
    return engine;
  }

  // ---- flows ----------------------------------------------------------------------------------

  /** Whether a flow of that id exists (as a draft at least). */
  hasFlow(flowId: string): boolean {
    return this.repos.flows.get(flowId) !== undefined;
  }

  /**
   * A draft's problems: validation (spec §5) and, as warnings, the email variables that name no
   * property the workspace or the flow knows (`templateVariableProblems`).
   */
  problemsOf(draft: unknown): Problem[] {
    return draftProblems(draft, knownPropertyNames(this.repos, this.scoring()));
  }

  /** Saves a draft (any JSON object of the flow format); returns its problems. */
  saveDraft(id: string, draft: Record<string, unknown>): { problems: Problem[]; updatedAt: number; created: boolean } {
    const now = this.clock.now();
    const created = this.repos.flows.save(id, draft, now);
    return { problems: this.problemsOf(draft), updatedAt: now, created };
  }

  /**
   * Publishes a flow's draft as its next immutable version; new contacts enter that version,
   * running enrolments stay on theirs. Refused with the problems when the draft has errors
   * (unreachable steps included: `validateForPublishing`), and when it is the live version again.
   */
  publish(flowId: string, note: string | null): PublishOutcome | undefined {
    const { flows, store } = this.repos;
    const row = flows.get(flowId);
    if (!row) return undefined;
    const decision = publishDecision(row.draft, this.liveFlow(flowId));
    switch (decision.kind) {
      case 'problems': {
        const problems = decision.problems.concat(variableProblems(row.draft, knownPropertyNames(this.repos, this.scoring())));
        return { published: false, reason: 'problems', problems };
      }
      case 'unchanged':
        return { published: false, reason: 'unchanged', version: decision.version };
      case 'publish':
        break;
    }
    const publishedAt = this.clock.now();
    const version = store.transaction(() => flows.addVersion(flowId, row.draft, note, publishedAt));
    this.current.addFlow(decision.flow, version, true);
    return { published: true, version, publishedAt, note };
  }

  /**
   * Deletes a flow with its versions. Refused (returns the number enrolled) while contacts are
   * enrolled, unless `removeEnrolments`; then its enrolments, steps and timers go too. Emails
   * and handoffs stay: they are the history of what was sent and who was handed over.
   */
  deleteFlow(flowId: string, removeEnrolments: boolean): { deleted: boolean; enrolled: number } {
    const { flows, enrolments, scenarios, flowNotes, store } = this.repos;
    if (!flows.get(flowId)) return { deleted: false, enrolled: 0 };
    const enrolled = enrolments.activeCount(flowId);
    if (enrolled > 0 && !removeEnrolments) return { deleted: false, enrolled };
    store.transaction(() => {
      enrolments.deleteOfFlow(flowId);
      scenarios.deleteOfFlow(flowId);
      flowNotes.deleteOfFlow(flowId);
      this.repos.migrations.deleteOfFlow(flowId);
      flows.delete(flowId);
    });
    this.current = this.createEngine();
    return { deleted: true, enrolled };
  }

  /** The version of a flow new contacts enter (its latest), as stored; undefined when never published. */
  liveFlow(flowId: string): LiveFlow | undefined {
    const version = this.repos.flows.latestVersion(flowId);
    const flow = version === null ? undefined : runnable(this.repos.flows.version(flowId, version)?.flow);
    return version !== null && flow ? { version, flow } : undefined;
  }

  /** Every live flow by id: the latest version of each published flow (one that no longer parses is left out). */
  liveFlows(): Map<string, LiveFlow> {
    return liveFlowsOf(this.repos.flows.latestPublished());
  }

  /** A published version as the engine runs it. */
  versionFlow(flowId: string, version: number): Flow | undefined {
    return this.current.runtimeOf(flowId, version)?.flow;
  }

  /** The triggers of a flow's saved draft that let in contacts another live flow lets in too. */
  triggerOverlaps(flowId: string): TriggerOverlap[] {
    const row = this.repos.flows.get(flowId);
    const draft = row && runnable(row.draft);
    return draft ? triggerOverlaps(draft, [...this.liveFlows().values()]) : [];
  }

  /** Whether new contacts can enter the flow (it has a published version). */
  isLive(flowId: string): boolean {
    return this.current.liveFlow(flowId) !== undefined;
  }

  /** Saves a test scenario of a flow with the trace it is expected to give. */
  saveScenario(flowId: string, name: string, scenario: unknown, expected: unknown): void {
    this.repos.scenarios.put(flowId, name, scenario, expected, this.clock.now());
  }

  /** Replaces the notes on a flow's canvas. */
  saveNotes(flowId: string, notes: readonly unknown[]): void {
    this.repos.flowNotes.put(flowId, notes, this.clock.now());
  }

  /** Deletes a saved scenario; false when the flow has none of that name. */
  deleteScenario(flowId: string, name: string): boolean {
    return this.repos.scenarios.delete(flowId, name);
  }

  // ---- scoring and settings -------------------------------------------------------------------

  /** The workspace's scoring model (an empty one until set). */
  scoring(): ScoringModel {
    return scoringOf(this.repos.settings.get(SCORING_KEY));
  }

  /** Replaces the scoring model; scores are computed, so it applies at once to every contact. */
  setScoring(model: ScoringModel): void {
    this.repos.settings.set(SCORING_KEY, JSON.stringify(model));
    this.current.scoring = model;
  }

  /** The email settings (the defaults until set). */
  emailSettings(): EmailSettings {
    return readEmailSettings(this.repos.settings);
  }

  /** Replaces the email settings (sender, footer, layout); emails composed from now on use them. */
  setEmailSettings(settings: EmailSettings): void {
    writeEmailSettings(this.repos.settings, settings);
  }

  // ---- reads that need the scoring model ------------------------------------------------------

  /** A contact's score split as of now. */
  scoreOf(contactId: string): ScoreSplit | undefined {
    return this.current.scoreOf(contactId, this.clock.now());
  }

  /** What happened to a contact in a flow, as a `hourglass.trace/1` document as of now. */
  trace(flowId: string, contactId: string): Trace {
    return buildTrace(this.repos.store, { id: flowId }, contactId, this.clock.now(), this.current.scoring);
  }
}
