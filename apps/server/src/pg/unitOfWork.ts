import type {
  EmailRecord,
  EnrolmentRecord,
  EventGroup,
  EventRecord,
  HandoffRecord,
  PersistedSnapshot,
  StepRecord,
  Store,
  StoredContact,
  TimerRecord,
} from '@hourglass/engine';
import { byWake, toTimer, type StoredTimer } from '../sqliteRows.ts';
import { tailPage, typeRead, watermark, type ContactImage } from './contactImage.ts';
import { MissingData, roundRobinId, type RoundRobinKey } from './missingData.ts';
import { activeInKey, type ReadSet } from './pgReads.ts';
import type { SeqBlocks } from './seqBlocks.ts';

/** An enrolment as written: its fields when put (the engine changes its record afterwards). */
export interface EnrolmentWrite {
  readonly id: string;
  readonly flowId: string;
  readonly version: number;
  readonly contactId: string;
  readonly status: EnrolmentRecord['status'];
  readonly enteredAt: number;
  readonly endedAt: number | null;
  readonly position: string | null;
  readonly snapshot: PersistedSnapshot;
  readonly timers: readonly StoredTimer[];
}

/** One write of the engine, in the order made; the unit's commit (unitCommit.ts) writes them all. */
export type Write =
  | { kind: 'contact'; contact: StoredContact }
  | { kind: 'event'; event: EventRecord }
  | { kind: 'enrolment'; enrolment: EnrolmentWrite }
  | { kind: 'step'; step: StepRecord }
  | { kind: 'port'; enrolmentId: string; node: string; port: string }
  | { kind: 'email'; email: EmailRecord }
  | { kind: 'handoff'; handoff: HandoffRecord }
  | { kind: 'roundRobin'; key: RoundRobinKey }
  /** A flow paused from `since` on, or resumed (null). */
  | { kind: 'hold'; flowId: string; since: number | null };

/** A contact's working state: what was read, with the unit's writes applied. */
interface ContactState {
  readonly image: ContactImage;
  contact: StoredContact | undefined;
  events: EventRecord[];
  /** Events added by this unit (a long history's counters are the read ones plus these). */
  added: EventRecord[];
  enrolments: EnrolmentRecord[];
  watermark: number;
}

/** A timer list as last read or written, as stored (see `Store`: timer lists are compared by identity). */
interface KnownTimers {
  timers: readonly TimerRecord[];
  stored: readonly StoredTimer[];
}

const groupsOf = (events: readonly EventRecord[]): EventGroup[] => {
  const groups = new Map<string, EventGroup>();
  for (const e of events) {
    const key = JSON.stringify(e.data);
    const g = groups.get(key);
    if (!g) groups.set(key, { data: e.data, count: 1, lastAt: e.at });
    else {
      g.count++;
      if (e.at > g.lastAt) g.lastAt = e.at;
    }
  }
  return [...groups.values()];
};

/**
 * The engine's store for a PostgreSQL worker: the records of the contacts a worker holds locks
 * on, read beforehand (`ReadSet`), with every write of the engine applied in memory and kept in
 * order (`writes`), so the engine stays synchronous and the worker commits all the writes of a
 * batch of inputs in one database transaction (unitCommit.ts) after the engine is done.
 *
 * A query for something not read (another contact, a long history's window, a round-robin
 * counter) throws `MissingData`: the worker reads it, under the same locks, and runs the inputs
 * again on a new unit. A transaction that throws rolls back: the writes made in it are dropped
 * and the state rebuilt from what was read and the writes before it. Records handed out are
 * the unit's own (an enrolment put is handed back as given, with its live snapshot).
 */
export class UnitOfWork implements Store {
  readonly writes: Write[] = [];
  private states = new Map<string, ContactState>();
  private enrolments = new Map<string, EnrolmentRecord>();
  private known = new Map<string, KnownTimers>();
  private emails = new Map<string, EmailRecord[]>();
  private handoffs = new Map<string, HandoffRecord[]>();
  private taken = new Map<string, number>();
  private held: Map<string, number> | undefined;

  constructor(
    public reads: ReadSet,
    private readonly seqs: SeqBlocks,
  ) {
    this.rebuild();
  }

  /** Starts afresh on what `reads` holds, without any write (a worker's next run of a batch). */
  reset(reads: ReadSet): void {
    this.reads = reads;
    this.writes.length = 0;
    this.rebuild();
  }

  transaction<T>(fn: () => T): T {
    const mark = this.writes.length;
    try {
      return fn();
    } catch (e) {
      this.writes.length = mark;
      this.rebuild();
      throw e;
    }
  }

  /** The state as read, with the writes kept so far applied again (after a rollback). */
  private rebuild() {
    this.states.clear();
    this.enrolments.clear();
    this.known.clear();
    this.emails.clear();
    this.handoffs.clear();
    this.taken.clear();
    this.held = this.reads.held && new Map(this.reads.held);
    for (const w of this.writes) this.apply(w, true);
  }

  private state(contactId: string): ContactState {
    let s = this.states.get(contactId);
    if (s) return s;
    const image = this.reads.contacts.get(contactId);
    if (!image) throw new MissingData({ kind: 'contact', contactId });
    const enrolments = image.enrolments.map((e): EnrolmentRecord => {
      const stored = e.timers;
      const record = {
        id: e.id,
        flowId: e.flowId,
        version: e.version,
        contactId: e.contactId,
        status: e.status,
        enteredAt: e.enteredAt,
        endedAt: e.endedAt,
        position: e.position,
        snapshot: JSON.parse(e.snapshot) as PersistedSnapshot,
        timers: stored.map((t) => toTimer(e.id, t)),
      };
      this.known.set(e.id, { timers: record.timers, stored });
      this.enrolments.set(e.id, record);
      return record;
    });
    s = { image, contact: image.contact, events: [...image.events], added: [], enrolments, watermark: watermark(image) };
    this.states.set(contactId, s);
    return s;
  }

  /** Records a write and applies it to the state; `replay` applies one kept from before a rollback. */
  private write(w: Write) {
    this.writes.push(w);
    this.apply(w, false);
  }

  private apply(w: Write, replay: boolean) {
    switch (w.kind) {
      case 'contact':
        this.state(w.contact.id).contact = w.contact;
        return;
      case 'event': {
        const s = this.state(w.event.contactId);
        s.events.push(w.event);
        s.added.push(w.event);
        s.watermark = Math.max(s.watermark, w.event.seq);
        return;
      }
      case 'enrolment': {
        const e = w.enrolment;
        const s = this.state(e.contactId);
        for (const t of e.timers) s.watermark = Math.max(s.watermark, t.seq);
        if (!replay) return;
        // After a rollback: a fresh record with the fields as written.
        const timers = e.timers.map((t) => toTimer(e.id, t));
        const record: EnrolmentRecord = { ...e, timers };
        const i = s.enrolments.findIndex((x) => x.id === e.id);
        if (i >= 0) s.enrolments[i] = record;
        else s.enrolments.push(record);
        this.enrolments.set(e.id, record);
        this.known.set(e.id, { timers, stored: e.timers });
        return;
      }
      case 'step':
      case 'port':
        return; // read back from the writes themselves (stepsOf)
      case 'email':
        this.emails.set(w.email.contactId, [...(this.emails.get(w.email.contactId) ?? []), w.email]);
        return;
      case 'handoff':
        this.handoffs.set(w.handoff.contactId, [...(this.handoffs.get(w.handoff.contactId) ?? []), w.handoff]);
        return;
      case 'roundRobin': {
        const id = roundRobinId(w.key);
        this.taken.set(id, (this.taken.get(id) ?? 0) + 1);
        return;
      }
      case 'hold':
        if (w.since === null) this.held!.delete(w.flowId);
        else this.held!.set(w.flowId, w.since);
        return;
    }
  }

  getContact(id: string) {
    return this.state(id).contact;
  }
  putContact(contact: StoredContact) {
    this.write({ kind: 'contact', contact });
  }

  addEvent(event: Omit<EventRecord, 'seq'>): EventRecord {
    const s = this.state(event.contactId);
    const record = { ...event, seq: this.seqs.take(s.watermark) };
    this.write({ kind: 'event', event: record });
    return record;
  }
  eventsOf(contactId: string) {
    const s = this.state(contactId);
    if (!s.image.complete) throw new MissingData({ kind: 'allEvents', contactId });
    return s.events;
  }
  lastEventSeq(contactId: string) {
    const { events } = this.state(contactId);
    return events.length ? events[events.length - 1]!.seq : 0;
  }
  recentEvents(contactId: string, limit: number) {
    const s = this.state(contactId);
    const tail = s.events.filter((e) => e.seq > s.image.readAbove);
    if (!s.image.complete && tail.length < limit) throw new MissingData({ kind: 'allEvents', contactId });
    return tail.slice(Math.max(0, tail.length - limit)).reverse();
  }
  eventsBetween(contactId: string, type: string, from: number, until: number): Iterable<EventRecord> {
    const s = this.state(contactId);
    const latestFirst = s.events.filter((e) => e.type === type && e.at >= from && e.at <= until).sort((a, b) => b.at - a.at || b.seq - a.seq);
    return typeRead(s.image, type) ? latestFirst : this.tailBetween(s, type, from, latestFirst);
  }

  /**
   * A window of a long history from the latest event back, as far as the type's tail was read;
   * past it, the next page is asked for (MissingData), so a count that stops early (`countInStore`)
   * reads a page of a long window rather than all of it.
   */
  private *tailBetween(s: ContactState, type: string, from: number, latestFirst: readonly EventRecord[]): Iterable<EventRecord> {
    const tail = s.image.tails.get(type);
    const cursor = tail?.cursor;
    for (const e of latestFirst) {
      if (!cursor || e.at < cursor.at || (e.at === cursor.at && e.seq < cursor.seq)) break;
      yield e;
    }
    // Read back to before the window: every event in it was seen.
    if (cursor && cursor.at < from) return;
    throw new MissingData({ kind: 'tail', contactId: s.image.id, type, before: cursor ?? null, limit: tailPage(tail) });
  }
  eventsAfter(contactId: string, type: string, afterSeq: number) {
    const s = this.state(contactId);
    const { image } = s;
    if (!image.complete && afterSeq < image.readAbove && !((image.readAfter.get(type) ?? Infinity) <= afterSeq))
      throw new MissingData({ kind: 'after', contactId, type, afterSeq });
    return s.events.filter((e) => e.type === type && e.seq > afterSeq);
  }
  eventGroups(contactId: string, type: string) {
    const s = this.state(contactId);
    if (s.image.complete) return groupsOf(s.events.filter((e) => e.type === type));
    const read = s.image.groups.get(type);
    if (!read) throw new MissingData({ kind: 'groups', contactId, type });
    const groups = new Map(read.map((g) => [JSON.stringify(g.data), { ...g }]));
    for (const e of s.added) {
      if (e.type !== type) continue;
      const key = JSON.stringify(e.data);
      const g = groups.get(key);
      if (!g) groups.set(key, { data: e.data, count: 1, lastAt: e.at });
      else {
        g.count++;
        g.lastAt = Math.max(g.lastAt, e.at);
      }
    }
    return [...groups.values()];
  }

  getEnrolment(id: string) {
    const found = this.enrolments.get(id);
    if (found) return found;
    const owner = this.reads.enrolmentOwners.get(id);
    if (owner === undefined) throw new MissingData({ kind: 'enrolment', id });
    if (owner === null) return undefined;
    this.state(owner);
    return this.enrolments.get(id);
  }
  enrolmentsOf(flowId: string, contactId: string) {
    return this.state(contactId).enrolments.filter((e) => e.flowId === flowId);
  }
  activeEnrolmentsOf(contactId: string) {
    return this.state(contactId).enrolments.filter((e) => e.status === 'active');
  }

  /**
   * A slice of a version's active enrolments, by id: the ids the database gave, with the unit's
   * own writes applied (an enrolment moved or ended here leaves it, one put here joins it). When
   * the database's slice was full, only ids up to its last one are sure; fewer than `limit` left
   * of them asks for a longer slice.
   */
  activeEnrolmentsIn(flowId: string, version: number, afterId: string | null, limit: number): readonly EnrolmentRecord[] {
    const need = (n: number) => new MissingData({ kind: 'activeIn', flowId, version, afterId, limit: n });
    const read = this.reads.activeIn.get(activeInKey(flowId, version, afterId));
    const full = read !== undefined && read.ids.length >= read.limit;
    if (!read || (full && read.limit < limit)) throw need(limit);
    const owners = new Set(read.ids.map((id) => this.reads.enrolmentOwners.get(id)!).filter((c) => !this.reads.contacts.has(c)));
    if (owners.size) throw new MissingData({ kind: 'contacts', contactIds: [...owners] });
    const last = full ? read.ids[read.ids.length - 1]! : undefined;
    const candidates = new Set(read.ids);
    for (const s of this.states.values()) for (const e of s.enrolments) candidates.add(e.id);
    const slice = [...candidates]
      .map((id) => this.getEnrolment(id)!)
      .filter(
        (e) =>
          e.flowId === flowId && e.version === version && e.status === 'active' && (afterId === null || e.id > afterId) && (last === undefined || e.id <= last),
      )
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (full && slice.length < limit) throw need(read.limit * 2);
    return slice.slice(0, limit);
  }

  /** Pauses a flow's timers from `since` on, or resumes them (null); the commit writes it (unitCommit.ts). */
  holdTimers(flowId: string, since: number | null): void {
    const held = this.heldFlows();
    if (since === null ? !held.has(flowId) : held.has(flowId)) return;
    this.write({ kind: 'hold', flowId, since });
  }
  heldFlows(): ReadonlyMap<string, number> {
    if (!this.held) throw new MissingData({ kind: 'held' });
    return this.held;
  }
  putEnrolment(e: EnrolmentRecord) {
    // Whether its flow is paused decides the row's wake_at (unitCommit.ts): read it first.
    this.heldFlows();
    const s = this.state(e.contactId);
    const timers = this.timersToStore(e, s.watermark);
    const write: EnrolmentWrite = {
      id: e.id,
      flowId: e.flowId,
      version: e.version,
      contactId: e.contactId,
      status: e.status,
      enteredAt: e.enteredAt,
      endedAt: e.endedAt,
      position: e.position,
      snapshot: e.snapshot,
      timers: timers.stored,
    };
    this.write({ kind: 'enrolment', enrolment: write });
    // The record itself is handed back from now on (with its live snapshot), as the in-memory store does.
    const i = s.enrolments.findIndex((x) => x.id === e.id);
    if (i >= 0) s.enrolments[i] = e;
    else s.enrolments.push(e);
    this.enrolments.set(e.id, e);
    this.known.set(e.id, timers);
  }

  /** The timers as the row is to keep them: an unchanged timer keeps its seq (its place among ties). */
  private timersToStore(e: EnrolmentRecord, above: number): KnownTimers {
    const timers = e.timers;
    const before = this.known.get(e.id);
    if (before?.timers === timers) return before;
    const kept = new Set<StoredTimer>();
    let top = above;
    const stored = timers.map((t): StoredTimer => {
      const same = before?.stored.find((b) => b.id === t.id && b.wakeAt === t.wakeAt && !kept.has(b));
      if (same) {
        kept.add(same);
        return same;
      }
      top = this.seqs.take(top);
      return { id: t.id, event: t.event, wakeAt: t.wakeAt, seq: top };
    });
    return { timers, stored };
  }

  /** Pending timers of the contacts read (optionally one), those of paused flows left out. */
  private pending(contactId?: string): { enrolmentId: string; timer: StoredTimer }[] {
    const states = contactId ? [this.state(contactId)] : [...this.reads.contacts.keys()].map((id) => this.state(id));
    const held = this.heldFlows();
    return states.flatMap((s) =>
      s.enrolments.flatMap((e) => (held.size && held.has(e.flowId) ? [] : (this.known.get(e.id)?.stored ?? []).map((timer) => ({ enrolmentId: e.id, timer })))),
    );
  }

  dueTimers(until: number, limit: number, contactId?: string): TimerRecord[] {
    return this.pending(contactId)
      .filter((p) => p.timer.wakeAt <= until)
      .sort((a, b) => byWake(a.timer, b.timer))
      .slice(0, limit)
      .map((p) => toTimer(p.enrolmentId, p.timer));
  }
  nextTimerAt(contactId?: string): number | undefined {
    let min: number | undefined;
    for (const { timer } of this.pending(contactId)) if (min === undefined || timer.wakeAt < min) min = timer.wakeAt;
    return min;
  }
  /** The earliest pending timer of the contacts read (`Wake` order), to merge with the database's. */
  earliestTimers(until: number, limit: number) {
    return this.pending()
      .filter((p) => p.timer.wakeAt <= until)
      .sort((a, b) => byWake(a.timer, b.timer))
      .slice(0, limit);
  }

  addStep(step: StepRecord) {
    this.write({ kind: 'step', step: { ...step } });
  }
  setStepPort(enrolmentId: string, node: string, port: string) {
    this.write({ kind: 'port', enrolmentId, node, port });
  }
  stepsOf(enrolmentId: string): StepRecord[] {
    const read = this.reads.steps.get(enrolmentId);
    if (!read) throw new MissingData({ kind: 'steps', enrolmentId });
    // Ports set on steps read (an earlier input's) apply to the latest of the node.
    const steps = read.map((s) => ({ ...s }));
    for (const w of this.writes) {
      if (w.kind === 'step' && w.step.enrolmentId === enrolmentId) steps.push({ ...w.step });
      if (w.kind === 'port' && w.enrolmentId === enrolmentId) {
        const step = steps.findLast((x) => x.node === w.node);
        if (step) step.port = w.port;
      }
    }
    return steps;
  }

  addEmail(email: EmailRecord) {
    this.write({ kind: 'email', email });
  }
  emailsOf(contactId: string) {
    const read = this.reads.emails.get(contactId);
    if (!read) throw new MissingData({ kind: 'emails', contactId });
    return [...read, ...(this.emails.get(contactId) ?? [])];
  }
  addHandoff(handoff: HandoffRecord) {
    this.write({ kind: 'handoff', handoff });
  }
  handoffsOf(contactId: string) {
    const read = this.reads.handoffs.get(contactId);
    if (!read) throw new MissingData({ kind: 'handoffs', contactId });
    return [...read, ...(this.handoffs.get(contactId) ?? [])];
  }

  takeRoundRobin(flowId: string, version: number, node: string): number {
    const key = { flowId, version, node };
    const base = this.reads.roundRobin.get(roundRobinId(key));
    if (base === undefined) throw new MissingData({ kind: 'roundRobin', key });
    const turn = base + (this.taken.get(roundRobinId(key)) ?? 0);
    this.write({ kind: 'roundRobin', key });
    return turn;
  }
}
