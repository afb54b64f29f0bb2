import { assertNever, forwardStage, stageRank, type Condition, type Flow, type ScoringModel, type Stage, type NodeOfType } from '@hourglass/documents';
import { GOAL, TAG_INSTANT, TAG_LISTENING } from '@hourglass/compiler';
import { holds, matches, ownValue, type ConditionSubject } from './conditions.ts';
import type { MachineEvent, World } from './flowMachine.ts';
import { topNode, type FlowSnapshot } from './stepper.ts';
import { computeScore } from './scoring.ts';
import { countInStore, type EventQuery } from './eventQuery.ts';
import { carryOut, type EffectContext } from './effects.ts';
import { flowRuntime, type FlowRuntime } from './flowRuntime.ts';
import { livePersisted, persist } from './persistedSnapshot.ts';
import type { ContactRecord, EnrolmentRecord, EventRecord, ScoreSplit, StepRecord, TimerRecord } from './records.ts';
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

/** A contact at one instant while one input is processed: what guards, delays and actions see. */
/** The contact as an input found it, for stage and score triggers. */
type Before = { score: number | undefined; stage: Stage };

class Pass implements World, ConditionSubject {
  private cachedScore: ScoreSplit | null = null;
  /** Per enrolment, the nodes entered during this pass (all at this one instant). */
  readonly entered = new Map<string, Set<string>>();
  /**
   * Per enrolment, the steps entered during this pass and not written yet: a step left within
   * the pass (a condition, an email) is written once with its port instead of written and then
   * updated. The enrolment's `settle` writes them.
   */
  readonly steps = new Map<string, StepRecord[]>();
  /** Whether the contact changed since it was read; `Engine.finish` then writes it, once. */
  contactUnsaved: boolean;
  constructor(
    private readonly engine: Engine,
    public contact: ContactRecord,
    public at: number,
    created: boolean,
  ) {
    this.contactUnsaved = created;
  }
  /** The contact itself changed (properties, stage, owner or adjustments): write it, rescore. */
  contactChanged() {
    this.contactUnsaved = true;
    this.cachedScore = null;
  }
  get contactId() {
    return this.contact.id;
  }
  /** Counts the contact's events through the store's narrow queries (never the whole history). */
  readonly countEvents = (query: EventQuery, limit: number) => countInStore(this.engine.store, this.contact.id, query, limit);
  lastSeq() {
    return this.engine.store.lastEventSeq(this.contact.id);
  }
  /** Something the score reads changed (an event, a flow step): it is computed again when asked. */
  forgetScore() {
    this.cachedScore = null;
  }
  split(): ScoreSplit {
    this.cachedScore ??= computeScore(this.engine.scoring, this.contact, this.countEvents, this.at);
    return this.cachedScore;
  }
  score() {
    return this.split().score;
  }
  holds(condition: Condition, sinceSeq?: number) {
    return holds(condition, this, sinceSeq);
  }
  property(name: string) {
    return ownValue(this.contact.properties, name);
  }
}

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

  private flowRuntimeOf(e: EnrolmentRecord): FlowRuntime | undefined {
    const found = this.versions.get(`${e.flowId}@${e.version}`);
    if (found) return found;
    const flow = this.loadVersion?.(e.flowId, e.version);
    return flow ? this.addFlow(flow, e.version, false) : undefined;
  }

  /** Creates or replaces a contact without running any flow (a scenario's starting contact). */
  putContact(contact: ContactRecord) {
    this.store.transaction(() => this.store.putContact(contact));
  }

  /** Records an event as history only: it counts for scores and conditions but runs no flow. */
  recordHistory(input: InputEvent) {
    this.store.transaction(() => {
      const pass = this.begin(input.contactId, input.at);
      this.applyEvent(pass, input);
      this.finish(pass);
    });
  }

  /** Processes one event: records it, then goal, waitFor and triggers of every flow (spec §4.6). */
  ingest(input: InputEvent): EventRecord {
    return this.store.transaction(() => {
      let recorded!: EventRecord;
      this.processInput(input.contactId, input.at, (pass) => {
        recorded = this.applyEvent(pass, input);
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
    if (!e || !runtime || e.status !== 'active' || !e.timers.some((t) => t.id === timer.id)) {
      // A stale timer (its enrolment ended or moved on): drop it.
      if (e) this.store.putEnrolment({ ...e, timers: e.timers.filter((t) => t.id !== timer.id) });
      return;
    }
    const pass = this.begin(e.contactId, timer.wakeAt);
    const before = this.before(pass);
    // Only a stage or score trigger can start a flow on a timer: without one, whom to skip is moot.
    const enrolled =
      this.startsOn('stage') || this.startsOn('score') ? new Set(this.store.activeEnrolmentsOf(e.contactId).map((x) => x.flowId)) : new Set<string>();
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

  // ---------------------------------------------------------------------------------------------

  /**
   * What a stage or score trigger compares the contact after an input with. Scoring queries the
   * contact's events, so the score is computed only when a live flow starts on one (else it is
   * undefined, and no score trigger fires).
   */
  private before(pass: Pass): Before {
    return { score: this.startsOn('score') ? pass.score() : undefined, stage: pass.contact.stage };
  }

  /** Whether a live flow starts on this kind of trigger. */
  private startsOn(on: 'event' | 'stage' | 'score' | 'manual'): boolean {
    this.liveTriggers ??= new Set([...this.live.values()].flatMap((r) => r.flow.nodes.flatMap((n) => (n.type === 'trigger' ? [n.config.on] : []))));
    return this.liveTriggers.has(on);
  }

  /** Starts one input of a contact: reads it (a new contact when unknown, written by `finish`). */
  private begin(contactId: string, at: number): Pass {
    const found = this.store.getContact(contactId);
    if (found) return new Pass(this, { ...found, properties: { ...found.properties } }, at, false);
    return new Pass(this, { id: contactId, stage: 'subscriber', owner: null, properties: {}, adjustments: 0 }, at, true);
  }

  /** Ends one input of a contact: writes the contact if the input changed it. */
  private finish(pass: Pass) {
    if (pass.contactUnsaved) this.store.putContact(pass.contact);
    pass.contactUnsaved = false;
  }

  /** Records an event and merges it into the contact (spec §4.1). */
  private applyEvent(pass: Pass, input: InputEvent): EventRecord {
    const { contact } = pass;
    const recorded = this.store.addEvent({ contactId: contact.id, at: input.at, type: input.type, data: input.data ?? {} });
    const { properties } = contact;
    // Events often repeat properties the contact already has: only a real change is written.
    let touched = false;
    for (const [name, value] of Object.entries(input.properties ?? {})) {
      if (properties[name] === value) continue;
      properties[name] = value;
      touched = true;
    }
    if (input.stage) {
      const stage = forwardStage(contact.stage, input.stage);
      touched ||= stage !== contact.stage;
      contact.stage = stage;
    }
    if (input.type === 'unsubscribed' && properties.unsubscribed !== true) {
      properties.unsubscribed = true;
      touched = true;
    }
    // Campaign spec §3: a resubscribe clears it, in a scenario as on the server.
    if (input.type === 'resubscribed' && properties.unsubscribed === true) {
      properties.unsubscribed = false;
      touched = true;
    }
    if (touched) pass.contactChanged();
    else pass.forgetScore();
    return recorded;
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
      if (!runtime) continue;
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
      const trigger = runtime.flow.nodes.find((n): n is NodeOfType<'trigger'> => n.type === 'trigger' && this.triggerFires(n, pass, before, event));
      if (trigger) this.tryEnrol(runtime, trigger.id, pass);
    }
  }

  private triggerFires(node: NodeOfType<'trigger'>, pass: Pass, before: Before, event?: EventRecord): boolean {
    const c = node.config;
    switch (c.on) {
      case 'event':
        return !!event && event.type === c.event && matches(event.data, c.where);
      case 'stage':
        return stageRank(before.stage) < stageRank(c.stage) && stageRank(pass.contact.stage) >= stageRank(c.stage);
      case 'score':
        return before.score !== undefined && before.score < c.gte && pass.score() >= c.gte;
      case 'manual':
        return false;
    }
  }

  private tryEnrol(runtime: FlowRuntime, triggerId: string, pass: Pass): EnrolOutcome {
    const { flow } = runtime;
    const previous = this.store.enrolmentsOf(flow.id, pass.contact.id);
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
    const snapshot = this.step(runtime, e, pass, initial, 'ENROL', triggerId);
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
      for (const t of e.timers) if (t.wakeAt <= pass.at && (!due || t.wakeAt < due.wakeAt)) due = t;
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

  /** One XState transition, then the actions it returned, carried out in order. */
  private step(runtime: FlowRuntime, e: EnrolmentRecord, pass: Pass, snapshot: FlowSnapshot, type: string, trigger?: string) {
    let entered = pass.entered.get(e.id);
    if (!entered) pass.entered.set(e.id, (entered = new Set()));
    // The node the contact is on now counts as passed at this instant (a timer leaving a wait).
    const on = topNode(snapshot.value);
    if (on) entered.add(on);
    const event: MachineEvent = { type, at: pass.at, world: pass, entered, trigger };
    const [next, actions] = runtime.stepper.transition(snapshot, event);
    for (const action of actions) {
      switch (action.type) {
        case 'enter': {
          const { node, nodeType } = action.params;
          let steps = pass.steps.get(e.id);
          if (!steps) pass.steps.set(e.id, (steps = []));
          steps.push({ enrolmentId: e.id, at: pass.at, node, type: nodeType });
          entered.add(node);
          break;
        }
        case 'leave': {
          const { node, port } = action.params;
          const open = pass.steps.get(e.id)?.findLast((s) => s.node === node);
          if (open) open.port = port;
          else this.store.setStepPort(e.id, node, port);
          break;
        }
        case 'sendEmail':
        case 'update':
        case 'handoff':
          carryOut(this.effects, e, pass, action, runtime.flow);
          break;
        case 'setTimer':
          // A new array, never a change in place: stores compare timer lists by identity (see Store).
          e.timers = [
            ...e.timers.filter((t) => t.id !== action.params.id),
            { id: action.params.id, enrolmentId: e.id, event: action.params.event, wakeAt: pass.at + action.params.delay },
          ];
          break;
        case 'cancelTimer':
          e.timers = e.timers.filter((t) => t.id !== action.params.id);
          break;
        default:
          assertNever(action, 'step action');
      }
    }
    return next;
  }
}
