import { forwardStage, type Flow, type FlowNode, type MigratedFrom, type NodeType, type ScoringModel, type NodeOfType } from '@hourglass/documents';
import { GOAL, TAG_INSTANT, TAG_LISTENING } from '@hourglass/compiler';
import { topNode, type FlowSnapshot } from './stepper.ts';
import { computeScore } from './scoring.ts';
import { countInStore } from './eventQuery.ts';
import type { EffectContext } from './effects.ts';
import { stepEnrolment, type StepOptions } from './stepEnrolment.ts';
import { flowRuntime, type FlowRuntime } from './flowRuntime.ts';
import { livePersisted, persist } from './persistedSnapshot.ts';
import { keepsWait, keptTimers, latestStepAt } from './moveRules.ts';
import { Pass, type Before } from './pass.ts';
import { triggerFires } from './triggerFires.ts';
import type { ContactRecord, EnrolmentRecord, EventRecord, ScoreSplit, TimerRecord } from './records.ts';
import type { Store } from './store.ts';
import type { ContactChanges, EngineOptions, EnrolOutcome, InputEvent } from './engineTypes.ts';

export type { FlowRuntime, StepperKind } from './flowRuntime.ts';

export type { ContactChanges, EngineOptions, EnrolOutcome, InputEvent } from './engineTypes.ts';

/**
 * A contact passes at most this many steps at one instant. Only a loop whose every wait resumes
 * at once (an `until.at` in the past, a missing `until.property`) reaches it; the enrolment then
 * ends as completed rather than spinning forever (documented in docs/semantics.md).
 */
const MAX_STEPS_PER_INPUT = 1000;

/**
 * The Hourglass engine (spec §4). It moves contacts through compiled flows with XState's pure
 * `transition`, carries out the returned actions, and keeps timers as data: a wake-up instant
 * stored with the enrolment and fired by `fireTimersUntil`. The same engine runs under the simulator's
 * virtual clock and the server's real one; only the store differs.
 */
export class Engine {
  readonly store: Store;
  scoring: ScoringModel | undefined;
  private readonly live = new Map<string, FlowRuntime>();
  private readonly versions = new Map<string, FlowRuntime>();
  private readonly newId: NonNullable<EngineOptions['newId']>;
  private readonly loadVersion: EngineOptions['loadVersion'];
  private readonly stepperKind: NonNullable<EngineOptions['stepper']>;
  /** What `sendEmail`, `update` and `handoff` (effects.ts) need of the engine. */
  private readonly effects: EffectContext;
  /** Per paused flow whose emails due before resuming are skipped, the instant it resumed (see `resume`). */
  private readonly skipEmailsBefore = new Map<string, number>();
  /** The kinds of trigger (`on`) the live flows start on; recomputed after the live flows change. */
  private liveTriggers: Set<string> | undefined;

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.scoring = options.scoring;
    this.loadVersion = options.loadVersion;
    this.stepperKind = options.stepper ?? 'xstate';
    let n = 0;
    this.newId = options.newId ?? ((kind) => `${kind}-${++n}`);
    this.effects = { store: this.store, newId: this.newId, renderEmails: options.renderEmails ?? true };
  }

  /** Compiles a flow version; when `live`, new contacts enter this version of the flow. */
  addFlow(flow: Flow, version = 1, live = true): FlowRuntime {
    const key = `${flow.id}@${version}`;
    let runtime = this.versions.get(key);
    if (!runtime) {
      runtime = flowRuntime(flow, version, this.stepperKind);
      this.versions.set(key, runtime);
    }
    if (live) this.live.set(flow.id, runtime);
    this.liveTriggers = undefined;
    return runtime;
  }

  liveFlow(flowId: string): FlowRuntime | undefined {
    return this.live.get(flowId);
  }

  /** A version of a flow, compiled once; one that was not added is loaded (`loadVersion`). */
  runtimeOf(flowId: string, version: number): FlowRuntime | undefined {
    const found = this.versions.get(`${flowId}@${version}`);
    if (found) return found;
    const flow = this.loadVersion?.(flowId, version);
    return flow ? this.addFlow(flow, version, false) : undefined;
  }

  private flowRuntimeOf(e: EnrolmentRecord): FlowRuntime | undefined {
    return this.runtimeOf(e.flowId, e.version);
  }

  /**
   * Pauses a flow from `at` (docs/semantics.md, "Pausing a flow"): it enrols nobody, fires no
   * timers and moves nobody on inputs until resumed. The caller holds the transaction.
   */
  pause(flowId: string, at: number) {
    if (!this.isPaused(flowId)) this.store.holdTimers(flowId, at);
  }

  /**
   * Resumes a paused flow at `at`: its timers are due again and fire in order, each at its own
   * instant. With `skipPastEmails`, the emails that timers due before `at` lead to are recorded as
   * not sent (`moment-passed`) rather than sent late. The caller holds the transaction.
   */
  resume(flowId: string, at: number, skipPastEmails = false) {
    this.store.holdTimers(flowId, null);
    if (skipPastEmails) this.skipEmailsBefore.set(flowId, at);
    else this.skipEmailsBefore.delete(flowId);
  }

  /**
   * Which resumed flows skip their past emails, each with its resume instant, as `resume` with
   * `skipPastEmails` records them: for an engine that did not resume the flow itself (a worker
   * of several on PostgreSQL reads them from the database at each batch).
   */
  skipPastEmails(before: ReadonlyMap<string, number>) {
    this.skipEmailsBefore.clear();
    for (const [flowId, at] of before) this.skipEmailsBefore.set(flowId, at);
  }

  isPaused(flowId: string): boolean {
    return this.store.heldFlows().has(flowId);
  }

  /** Creates or replaces a contact without running any flow (a scenario's starting contact). */
  putContact(contact: ContactRecord) {
    this.store.transaction(() => this.store.putContact(contact));
  }

  /** Records an event as history only: it counts for scores and conditions but runs no flow. */
  recordHistory(input: InputEvent) {
    this.store.transaction(() => {
      const pass = this.begin(input.contactId, input.at);
      pass.applyEvent(input);
      this.finish(pass);
    });
  }

  /** Processes one event: records it, then goal, waitFor and triggers of every flow (spec §4.6). */
  ingest(input: InputEvent): EventRecord {
    return this.store.transaction(() => {
      let recorded!: EventRecord;
      this.processInput(input.contactId, input.at, (pass) => {
        recorded = pass.applyEvent(input);
        return recorded;
      });
      return recorded;
    });
  }

  /** Applies a contact upsert as an input: goals, waitFors and stage or score triggers see it. */
  updateContact(contactId: string, changes: ContactChanges, at: number): ContactRecord {
    return this.store.transaction(() =>
      this.processInput(contactId, at, (pass) => {
        const { contact } = pass;
        if (changes.email !== undefined) {
          if (changes.email === null) delete contact.email;
          else contact.email = changes.email;
        }
        if (changes.owner !== undefined) contact.owner = changes.owner;
        if (changes.stage) contact.stage = forwardStage(contact.stage, changes.stage);
        if (changes.properties) Object.assign(contact.properties, changes.properties);
        pass.contactChanged();
        return undefined;
      }),
    );
  }

  /** Enrols a contact by hand through the flow's first `manual` trigger (spec §4.2). */
  enrol(flowId: string, contactId: string, at: number): EnrolOutcome {
    return this.store.transaction(() => {
      const runtime = this.live.get(flowId);
      if (!runtime) return { enrolled: false, reason: 'unknown-flow' };
      const trigger = runtime.flow.nodes.find((n) => n.type === 'trigger' && n.config.on === 'manual');
      if (!trigger) return { enrolled: false, reason: 'no-manual-trigger' };
      const pass = this.begin(contactId, at);
      const before = this.before(pass);
      const enrolled = new Set(this.store.activeEnrolmentsOf(contactId).map((x) => x.flowId)).add(flowId);
      const outcome = this.tryEnrol(runtime, trigger.id, pass);
      this.runTriggers(pass, before, enrolled);
      this.finish(pass);
      return outcome;
    });
  }

  /** The earliest pending timer's instant. */
  nextTimerAt(): number | undefined {
    return this.store.nextTimerAt();
  }

  /**
   * Fires every timer due at or before `until`, earliest first, each in its own transaction.
   * Returns how many fired. A timer fires at its own instant, so an overdue timer after a
   * restart moves the contact exactly as it would have on time.
   */
  fireTimersUntil(until: number): number {
    let fired = 0;
    for (;;) {
      const [timer] = this.store.dueTimers(until, 1);
      if (!timer) return fired;
      this.store.transaction(() => this.fireTimer(timer));
      fired++;
    }
  }

  /** Fires one due timer (the caller holds the transaction). */
  fireTimer(timer: TimerRecord) {
    const e = this.store.getEnrolment(timer.enrolmentId);
    const runtime = e && this.flowRuntimeOf(e);
    // A paused flow's timers wait (the store holds them back; this is for a caller that kept one).
    if (e && this.isPaused(e.flowId)) return;
    if (!e || !runtime || e.status !== 'active' || !e.timers.some((t) => t.id === timer.id)) {
      // A stale timer (its enrolment ended or moved on): drop it.
      if (e) this.store.putEnrolment({ ...e, timers: e.timers.filter((t) => t.id !== timer.id) });
      return;
    }
    const pass = this.begin(e.contactId, timer.wakeAt);
    pass.skipEmails = timer.wakeAt < (this.skipEmailsBefore.get(e.flowId) ?? -Infinity);
    const before = this.before(pass);
    const enrolled = this.activeFlowsForTriggers(e.contactId);
    e.timers = e.timers.filter((t) => t.id !== timer.id);
    let snapshot = this.restore(runtime, e);
    snapshot = this.step(runtime, e, pass, snapshot, timer.event);
    this.settle(runtime, e, pass, snapshot);
    this.runTriggers(pass, before, enrolled);
    this.finish(pass);
  }

  /** A contact's score split at an instant. */
  scoreOf(contactId: string, at: number): ScoreSplit | undefined {
    const contact = this.store.getContact(contactId);
    return contact && computeScore(this.scoring, contact, (q, limit) => countInStore(this.store, contactId, q, limit), at);
  }

  /**
   * Moves one active enrolment to version `to` of its flow (a migration, docs/semantics.md): onto
   * node `target` of that version, or out of the flow as `completed` when `target` is null. A
   * contact moved onto a wait or waitFor keeps the instant it entered the node it was on (the
   * deadline is computed again under `to`; one already past fires at once); onto another node it
   * enters at `at` and runs on. The goal of `to` is checked first; its re-entry rule does not
   * apply (it is the same enrolment). The caller holds the transaction. Returns the status after.
   */
  migrate(e: EnrolmentRecord, to: number, target: string | null, at: number): EnrolmentRecord['status'] {
    const from = this.flowRuntimeOf(e);
    const runtime = this.runtimeOf(e.flowId, to);
    if (!from || !runtime) throw new Error(`Flow "${e.flowId}" has no version ${from ? to : e.version}.`);
    if (e.status !== 'active' || e.position === null) throw new Error(`Enrolment ${e.id} has ended: only a contact in the flow can be moved.`);
    // A contact kept waiting as it is may need nothing of itself (no goal, no stage or score trigger).
    const pass = this.begin(e.contactId, at, true);
    const before = this.before(pass);
    const enrolled = this.activeFlowsForTriggers(e.contactId);
    if (target === null) {
      this.settle(from, e, pass, this.step(from, e, pass, this.restore(from, e), 'STOP'));
    } else {
      const node = runtime.flow.nodes.find((n) => n.id === target);
      if (!node) throw new Error(`Version ${to} of flow "${e.flowId}" has no node "${target}".`);
      const origin = { version: e.version, node: e.position };
      if (keepsWait(from, runtime, origin.node, target) && !this.goalHolds(runtime, pass)) this.keepWaiting(runtime, e, pass, node.type, origin);
      else this.enterMoved(from, runtime, e, pass, node, origin);
    }
    this.runTriggers(pass, before, enrolled);
    this.finish(pass);
    return e.status;
  }

  /** A migration onto the same wait, unchanged: the contact stays as it is in the new version (see `keepsWait`). */
  private keepWaiting(runtime: FlowRuntime, e: EnrolmentRecord, pass: Pass, type: NodeType, migratedFrom: MigratedFrom) {
    e.version = runtime.version;
    const { value, context } = e.snapshot;
    pass.steps.set(e.id, [{ enrolmentId: e.id, at: pass.at, node: migratedFrom.node, type, migratedFrom }]);
    // A deadline past while the flow was paused is due at the migration instant, after the move.
    if (e.timers.some((t) => t.wakeAt <= pass.at)) {
      e.timers = e.timers.map((t) => (t.wakeAt < pass.at ? { ...t, wakeAt: pass.at } : t));
      this.settle(runtime, e, pass, runtime.stepper.restore({ value, context }));
      return;
    }
    e.snapshot = { status: 'active', value, context };
    this.store.putEnrolment(e);
    this.store.addStep(pass.steps.get(e.id)![0]!);
    pass.steps.delete(e.id);
  }

  /** A migration onto another node, or a changed one: the contact enters it in the new version (docs/semantics.md). */
  private enterMoved(from: FlowRuntime, runtime: FlowRuntime, e: EnrolmentRecord, pass: Pass, node: FlowNode, migratedFrom: MigratedFrom) {
    const { timers, snapshot: old } = e;
    // A wait goes on from the instant the contact entered the node it leaves (its latest step there).
    const waits = node.type === 'wait' || node.type === 'waitFor';
    const enteredAt = waits ? (latestStepAt(this.store, e.id, migratedFrom.node) ?? e.enteredAt) : pass.at;
    e.version = runtime.version;
    e.timers = [];
    let snapshot = runtime.stepper.initial;
    if (this.goalHolds(runtime, pass)) snapshot = this.step(runtime, e, pass, snapshot, 'GOAL');
    else {
      snapshot = this.step(runtime, e, pass, snapshot, 'MIGRATE', { target: node.id, at: enteredAt, migratedFrom });
      // From one waitFor to another, the events since the contact entered the first still count.
      if (node.type === 'waitFor' && from.flow.nodes.find((n) => n.id === migratedFrom.node)?.type === 'waitFor') {
        snapshot = runtime.stepper.restore({ value: snapshot.value, context: { since: old.context.since } });
      }
      // A deadline already past is due at the migration instant: it fires at once (or on resuming a paused flow), after the move.
      e.timers = keptTimers(e.timers, timers, from.compiled.delays, runtime.compiled.delays).map((t) => (t.wakeAt < pass.at ? { ...t, wakeAt: pass.at } : t));
    }
    this.settle(runtime, e, pass, snapshot);
  }

  /** The flows a contact is in, for stage and score triggers after an input that is not an event. */
  private activeFlowsForTriggers(contactId: string): Set<string> {
    // Only a stage or score trigger can start a flow then: without one, whom to skip is moot.
    return this.startsOn('stage') || this.startsOn('score') ? new Set(this.store.activeEnrolmentsOf(contactId).map((x) => x.flowId)) : new Set<string>();
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * What a stage or score trigger compares the contact after an input with. Scoring queries the
   * contact's events, so the score is computed only when a live flow starts on one (else it is
   * undefined, and no score trigger fires).
   */
  private before(pass: Pass): Before {
    // The stage only matters to a stage trigger; not reading it spares a migration the contact.
    return { score: this.startsOn('score') ? pass.score() : undefined, stage: this.startsOn('stage') ? pass.contact.stage : undefined };
  }

  /** Whether a live flow starts on this kind of trigger. */
  private startsOn(on: 'event' | 'stage' | 'score' | 'manual'): boolean {
    this.liveTriggers ??= new Set([...this.live.values()].flatMap((r) => r.flow.nodes.flatMap((n) => (n.type === 'trigger' ? [n.config.on] : []))));
    return this.liveTriggers.has(on);
  }

  /**
   * Starts one input of a contact: reads it (a new contact when unknown, written by `finish`), or
   * when `lazy`, when first used.
   */
  private begin(contactId: string, at: number, lazy = false): Pass {
    const pass = new Pass(this, contactId, at);
    if (!lazy) void pass.contact;
    return pass;
  }

  /** Ends one input of a contact: writes the contact if the input changed it. */
  private finish(pass: Pass) {
    if (pass.contactUnsaved) this.store.putContact(pass.contact);
    pass.contactUnsaved = false;
  }

  private processInput(contactId: string, at: number, apply: (pass: Pass) => EventRecord | undefined): ContactRecord {
    const pass = this.begin(contactId, at);
    const before = this.before(pass);
    const event = apply(pass);
    pass.forgetScore();
    const active = this.store.activeEnrolmentsOf(contactId);
    const touched = new Set(active.map((e) => e.flowId));
    for (const e of active) {
      const runtime = this.flowRuntimeOf(e);
      if (!runtime || this.isPaused(e.flowId)) continue;
      let snapshot = this.restore(runtime, e);
      if (!this.goalHolds(runtime, pass) && snapshot.hasTag(TAG_LISTENING)) {
        snapshot = this.step(runtime, e, pass, snapshot, 'INPUT');
      }
      this.settle(runtime, e, pass, snapshot);
    }
    this.runTriggers(pass, before, touched, event);
    this.finish(pass);
    return pass.contact;
  }

  /**
   * Runs the triggers of the live flows the contact was not in when the input began (spec §4.2).
   * Stage and score triggers compare the contact before the input with the contact after every
   * flow has reacted to it, so an update in one flow can start another.
   */
  private runTriggers(pass: Pass, before: Before, enrolledBefore: Set<string>, event?: EventRecord) {
    pass.forgetScore();
    for (const runtime of this.live.values()) {
      if (enrolledBefore.has(runtime.flow.id)) continue;
      const trigger = runtime.flow.nodes.find((n): n is NodeOfType<'trigger'> => n.type === 'trigger' && triggerFires(n, pass, before, event));
      if (trigger) this.tryEnrol(runtime, trigger.id, pass);
    }
  }

  private tryEnrol(runtime: FlowRuntime, triggerId: string, pass: Pass): EnrolOutcome {
    const { flow } = runtime;
    const previous = this.store.enrolmentsOf(flow.id, pass.contact.id);
    if (this.isPaused(flow.id)) return { enrolled: false, reason: 'paused' };
    if (previous.some((e) => e.status === 'active')) return { enrolled: false, reason: 'already-enrolled' };
    if (previous.length > 0 && (flow.settings.reentry ?? 'never') === 'never') return { enrolled: false, reason: 'no-reentry' };
    if (this.goalHolds(runtime, pass)) return { enrolled: false, reason: 'goal-met' };
    const { initial } = runtime.stepper;
    const e: EnrolmentRecord = {
      id: this.newId('enrolment'),
      flowId: flow.id,
      version: runtime.version,
      contactId: pass.contact.id,
      status: 'active',
      enteredAt: pass.at,
      endedAt: null,
      position: null,
      snapshot: persist(runtime.stepper, initial),
      timers: [],
    };
    const snapshot = this.step(runtime, e, pass, initial, 'ENROL', { trigger: triggerId });
    this.settle(runtime, e, pass, snapshot);
    return { enrolled: true, enrolment: e };
  }

  private goalHolds(runtime: FlowRuntime, pass: Pass): boolean {
    const goal = runtime.flow.settings.goal;
    return !!goal && pass.holds(goal);
  }

  private restore(runtime: FlowRuntime, e: EnrolmentRecord): FlowSnapshot {
    return livePersisted(e.snapshot, runtime.stepper) ?? runtime.stepper.restore(e.snapshot);
  }

  /** Moves the contact on until it waits, ends or meets the goal; then saves the enrolment. */
  private settle(runtime: FlowRuntime, e: EnrolmentRecord, pass: Pass, snapshot: FlowSnapshot) {
    for (let i = 0; snapshot.status !== 'done'; i++) {
      if (i > MAX_STEPS_PER_INPUT) {
        // A loop whose waits all resume at once would run forever at one instant: end it.
        snapshot = this.step(runtime, e, pass, snapshot, 'STOP');
        break;
      }
      if (this.goalHolds(runtime, pass)) {
        snapshot = this.step(runtime, e, pass, snapshot, 'GOAL');
        break;
      }
      if (snapshot.hasTag(TAG_INSTANT)) {
        snapshot = this.step(runtime, e, pass, snapshot, 'STEP');
        continue;
      }
      let due: TimerRecord | undefined;
      // A paused flow's deadlines wait for it to resume (a migration while paused sets them).
      if (!this.isPaused(e.flowId)) for (const t of e.timers) if (t.wakeAt <= pass.at && (!due || t.wakeAt < due.wakeAt)) due = t;
      if (!due) break;
      e.timers = e.timers.filter((t) => t !== due);
      snapshot = this.step(runtime, e, pass, snapshot, due.event);
    }
    const top = topNode(snapshot.value);
    if (snapshot.status === 'done') {
      e.status = snapshot.value === GOAL ? 'goal' : 'completed';
      e.endedAt = pass.at;
      e.position = null;
      e.timers = [];
    } else {
      e.position = top ?? null;
    }
    e.snapshot = persist(runtime.stepper, snapshot);
    this.store.putEnrolment(e);
    const steps = pass.steps.get(e.id);
    if (steps) {
      for (const step of steps) this.store.addStep(step);
      pass.steps.delete(e.id);
    }
  }

  /** One transition of the enrolment, its actions carried out (stepEnrolment.ts). */
  private step(runtime: FlowRuntime, e: EnrolmentRecord, pass: Pass, snapshot: FlowSnapshot, type: string, options?: StepOptions) {
    return stepEnrolment(this.effects, runtime, e, pass, snapshot, type, options);
  }
}
